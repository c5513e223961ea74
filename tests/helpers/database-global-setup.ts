import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}

/**
 * A fresh PGlite folder takes seconds to initialise (it runs initdb): this makes one migrated
 * folder per run, and each test file works on its own copy of it.
 */
export default async function setup(project: TestProject) {
  const root = mkdtempSync(path.join(tmpdir(), 'stagekeeper-template-'));
  const dir = path.join(root, 'pglite');
  const client = await PGlite.create(dir);
  await migrate(drizzle(client), { migrationsFolder: path.join(REPO_ROOT, 'lib', 'db', 'migrations') });
  await client.close();
  project.provide('pgliteTemplate', dir);
  return () => rmSync(root, { recursive: true, force: true });
}
