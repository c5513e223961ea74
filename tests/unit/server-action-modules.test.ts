import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { serverActionModules as findServerActionModules } from '../helpers/server-actions';

/** Every 'use server' module under lib/: each of its exports becomes a public POST endpoint. */
export const serverActionModules = findServerActionModules();

describe("'use server' modules", () => {
  it('are found', () => {
    expect(serverActionModules).toEqual(expect.arrayContaining(['lib/participants/actions.ts', 'lib/rooms/actions.ts', 'lib/hands/actions.ts', 'lib/bulk/actions.ts']));
  });

  // importing an actions module loads most of the server (zod schemas, drizzle, the SDK): seconds on a busy machine
  it.each(serverActionModules)('%s exports only functions (Next refuses anything else at build time)', { timeout: 60_000 }, async (file) => {
    const module = (await import(path.join(REPO_ROOT, file))) as Record<string, unknown>;
    const exports = Object.entries(module);
    expect(exports.length).toBeGreaterThan(0);
    for (const [name, value] of exports) {
      expect(typeof value, `${file}: ${name}`).toBe('function');
    }
  });
});
