import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ACTIONS_DIR = path.resolve(__dirname, '../../lib/actions');

/** Every 'use server' module under lib/actions: each of its exports becomes a public POST endpoint. */
export const serverActionModules = readdirSync(ACTIONS_DIR)
  .filter((file) => file.endsWith('.ts'))
  .filter((file) => /^\s*['"]use server['"]/.test(readFileSync(path.join(ACTIONS_DIR, file), 'utf8')));

describe("'use server' modules", () => {
  it('are found', () => {
    expect(serverActionModules).toEqual(expect.arrayContaining(['participants.ts', 'rooms.ts', 'stage.ts', 'bulk.ts']));
  });

  it.each(serverActionModules)('%s exports only functions (Next refuses anything else at build time)', async (file) => {
    const module = (await import(path.join(ACTIONS_DIR, file))) as Record<string, unknown>;
    const exports = Object.entries(module);
    expect(exports.length).toBeGreaterThan(0);
    for (const [name, value] of exports) {
      expect(typeof value, `${file}: ${name}`).toBe('function');
    }
  });
});
