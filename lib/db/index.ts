import 'server-only';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { Pool } from 'pg';
import { env, type Env } from '@/lib/env';
import * as schema from './schema';

export * from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
  db: Database;
  kind: Env['database']['kind'];
  close(): Promise<void>;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib', 'db', 'migrations');

/** Opens PGlite or PostgreSQL and applies the committed migrations (the same SQL for both). */
export async function openDatabase(config: Env['database']): Promise<OpenDatabase> {
  if (config.kind === 'pglite') {
    mkdirSync(config.dir, { recursive: true });
    const client = await PGlite.create(config.dir);
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return { db: db as unknown as Database, kind: 'pglite', close: () => client.close() };
  }
  const pool = new Pool({ connectionString: config.url, max: 5 });
  const db = drizzlePostgres(pool, { schema });
  try {
    await migratePostgres(db, { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { db: db as unknown as Database, kind: 'postgres', close: () => pool.end() };
}

// On globalThis, not in module scope: Next may load this module more than once in one process
// (instrumentation, route bundles, dev reloads), and PGlite's folder must be opened only once.
const OPEN = Symbol.for('stagekeeper.database');
type Holder = { [OPEN]?: Promise<OpenDatabase> };

/** The process's database, opened and migrated on first use. */
export async function database(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[OPEN] ??= openDatabase(env().database).catch((error: unknown) => {
    delete holder[OPEN];
    throw error;
  });
  return (await holder[OPEN]).db;
}

/** Tests point the process at a database they opened themselves. */
export function useDatabase(open: OpenDatabase): void {
  (globalThis as Holder)[OPEN] = Promise.resolve(open);
}
