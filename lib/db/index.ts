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
import { observeDatabase } from '@/lib/observability/observe';
import * as schema from './schema';

export * from './schema';

export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface OpenDatabase {
  db: Database;
  kind: Env['database']['kind'];
  close(): Promise<void>;
  /** queries waiting for a pooled connection now (PostgreSQL; PGlite has no pool) */
  poolWaiting?: () => number;
}

export const MIGRATIONS_FOLDER = path.join(process.cwd(), 'lib', 'db', 'migrations');

/** Opens PGlite or PostgreSQL and applies the committed migrations (the same SQL for both). */
export async function openDatabase(config: Env['database']): Promise<OpenDatabase> {
  if (config.kind === 'pglite') {
    mkdirSync(config.dir, { recursive: true });
    const client = await PGlite.create(config.dir);
    const db = drizzlePglite(client, { schema });
    await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
    observeStatements(client);
    return { db: observeTransactions(db as unknown as Database), kind: 'pglite', close: () => client.close() };
  }
  const pool = new Pool({ connectionString: config.url, max: 10 });
  try {
    await migrateUnderLock(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  observeStatements(pool);
  const db = observeTransactions(drizzlePostgres(pool, { schema }) as unknown as Database);
  return { db, kind: 'postgres', close: () => pool.end(), poolWaiting: () => pool.waitingCount };
}

/** Each statement outside a transaction as a span (drizzle calls the driver's `query` for those). */
function observeStatements(client: { query: (...args: never[]) => Promise<unknown> }): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const textOf = (first: unknown) => (typeof first === 'string' ? first : (first as { text?: string } | undefined)?.text);
  client.query = ((...args: unknown[]) => observeDatabase('query', textOf(args[0]), () => query(...args))) as typeof client.query;
}

/** Each transaction as a span; its statements go through the transaction's own client, not spanned one by one. */
function observeTransactions(db: Database): Database {
  const transaction = db.transaction.bind(db);
  db.transaction = ((...args: Parameters<Database['transaction']>) => observeDatabase('transaction', undefined, () => transaction(...args))) as Database['transaction'];
  return db;
}

/** Any fixed pair of numbers; every Stagekeeper replica takes the same one around its migrations. */
const MIGRATION_LOCK = [0x57a6e, 1] as const;

/**
 * Replicas starting together on an empty database would each create the same tables: the
 * migrations run on one connection holding an advisory lock, so the others wait, then find them applied.
 */
async function migrateUnderLock(pool: Pool): Promise<void> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('select pg_advisory_lock($1, $2)', [...MIGRATION_LOCK]);
    try {
      await migratePostgres(drizzlePostgres(client, { schema }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('select pg_advisory_unlock($1, $2)', [...MIGRATION_LOCK]).catch(() => (broken = true));
    }
  } finally {
    client.release(broken);
  }
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

/** For the metrics: queries waiting for this process's pool now; 0 on PGlite or before the database opened. */
export async function databasePoolWaiting(): Promise<number> {
  const open = (globalThis as Holder)[OPEN];
  return open ? ((await open).poolWaiting?.() ?? 0) : 0;
}

/** Tests point the process at a database they opened themselves. */
export function useDatabase(open: OpenDatabase): void {
  (globalThis as Holder)[OPEN] = Promise.resolve(open);
}
