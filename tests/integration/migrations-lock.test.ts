import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db';
import { POSTGRES_URL } from '../helpers/actors';

/** A new, empty database on the PostgreSQL server DATABASE_URL points at; dropped by the returned function. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `stagekeeper_migrate_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

// runs where DATABASE_URL points at a PostgreSQL server (.ci/run starts one); skipped elsewhere
describe.skipIf(!POSTGRES_URL)('migrations on PostgreSQL', () => {
  it('several replicas starting together on an empty database all come up, and each migration is applied once', async () => {
    const { url, drop } = await emptyDatabase();
    try {
      const opening = await Promise.allSettled(Array.from({ length: 4 }, () => openDatabase({ kind: 'postgres', url })));
      const failures = opening.flatMap((result) => (result.status === 'rejected' ? [String(result.reason)] : []));
      const opened = opening.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
      await Promise.all(opened.map((open) => open.close()));
      expect(failures).toEqual([]);

      const client = new Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query<{ hash: string }>('select hash from drizzle.__drizzle_migrations');
      await client.end();
      expect(rows.length).toBeGreaterThanOrEqual(4);
      expect(new Set(rows.map((row) => row.hash)).size).toBe(rows.length);
    } finally {
      await drop();
    }
  });
});
