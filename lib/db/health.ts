import 'server-only';
import { sql } from 'drizzle-orm';
import { Pool } from 'pg';
import { env } from '@/lib/env';
import { database } from './index';

const HEALTH_POOL = Symbol.for('stagekeeper.healthPool');
type Holder = { [HEALTH_POOL]?: Pool };

/**
 * Whether this replica has its database (migrated) and can reach it. On PostgreSQL the check has a
 * connection of its own: under load the work pool has a queue, and a health check waiting in it
 * would make the load balancer take a busy replica for a dead one.
 */
export async function databaseReachable(): Promise<boolean> {
  try {
    const db = await database();
    const config = env().database;
    if (config.kind !== 'postgres') {
      await db.execute(sql`select 1`);
      return true;
    }
    const holder = globalThis as Holder;
    holder[HEALTH_POOL] ??= new Pool({ connectionString: config.url, max: 1, connectionTimeoutMillis: 3_000 });
    await holder[HEALTH_POOL].query('select 1');
    return true;
  } catch {
    return false;
  }
}
