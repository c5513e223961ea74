import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';

const MIGRATIONS = path.join(REPO_ROOT, 'lib', 'db', 'migrations');
const scratch = mkdtempSync(path.join(tmpdir(), 'stagekeeper-drizzle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('lib/db/schema.ts and the committed migrations', () => {
  it('agree: drizzle-kit generate on a clean checkout writes no migration', { timeout: 120_000 }, () => {
    const out = path.join(scratch, 'migrations');
    cpSync(MIGRATIONS, out, { recursive: true });
    const before = readdirSync(out).sort();
    // drizzle-kit prefixes "./" to its --out, so it is given relative to the checkout
    const generate = spawnSync(
      path.join(REPO_ROOT, 'node_modules', '.bin', 'drizzle-kit'),
      ['generate', '--dialect', 'postgresql', '--schema', './lib/db/schema.ts', '--out', path.relative(REPO_ROOT, out)],
      { cwd: REPO_ROOT, encoding: 'utf8' },
    );
    expect(generate.status, generate.stderr + generate.stdout).toBe(0);
    expect(readdirSync(out).sort()).toEqual(before);
    expect(generate.stdout).toMatch(/No schema changes/i);
  });
});
