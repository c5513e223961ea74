import 'server-only';
import { and, asc, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { signInFailures, type Database } from './index';

/**
 * Records one sign-in attempt under `key` unless `limit` attempts are already within the window; all
 * in one statement with the database's clock, so replicas agree. Answers the row's id, or, when the
 * key is at its limit, how many seconds remain until its oldest attempt leaves the window.
 */
export async function reserveAttempt(
  db: Database,
  key: string,
  { limit, windowSeconds }: { limit: number; windowSeconds: number },
): Promise<{ id: number } | { retryAfterSeconds: number }> {
  const windowStart = sql`now() - make_interval(secs => ${windowSeconds})`;
  await db.delete(signInFailures).where(lt(signInFailures.at, windowStart));
  const inserted = await db.execute<{ id: number }>(sql`
    insert into ${signInFailures} (key, at)
    select ${key}, now()
    where (select count(*) from ${signInFailures} where key = ${key} and at > ${windowStart}) < ${limit}
    returning id`);
  const row = rowsOf<{ id: number }>(inserted)[0];
  if (row) return { id: Number(row.id) };
  const [oldest] = await db
    .select({ wait: sql<number>`ceil(extract(epoch from (${signInFailures.at} + make_interval(secs => ${windowSeconds}) - now())))` })
    .from(signInFailures)
    .where(and(eq(signInFailures.key, key), gt(signInFailures.at, windowStart)))
    .orderBy(asc(signInFailures.at))
    .limit(1);
  return { retryAfterSeconds: Math.max(1, Number(oldest?.wait ?? windowSeconds)) };
}

/** A sign-in that succeeded is not a failure: its reserved attempts are taken back. */
export async function releaseAttempts(db: Database, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.delete(signInFailures).where(inArray(signInFailures.id, ids));
}

// PGlite answers { rows }, node-postgres a QueryResult with rows as well; drizzle types them apart
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
