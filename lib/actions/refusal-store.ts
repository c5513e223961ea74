import 'server-only';
import { and, count, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import { auditEntries, refusalCounts, type Database } from '@/lib/db';

/**
 * Refusals of one signed-in account written to the audit log in any hour; past that they are
 * counted in refusal_counts (per account and hour), not written. At ~1.5 kB a refused call's row,
 * one account adds at most ~150 kB an hour however fast it calls.
 */
export const ACCOUNT_REFUSAL_LIMIT = { perHour: 100 };

const REFUSAL_CODES = ['unauthorized', 'forbidden', 'validation'];

/**
 * Whether this refusal of `actorId` may be written: fewer than the limit in the last hour. When not,
 * it is counted instead. Counted in the database, so every replica shares the limit; like the
 * anonymous limit, calls of one account racing each other may overshoot it by their number.
 */
export async function mayWriteAccountRefusal(db: Database, actorId: string): Promise<boolean> {
  const [recent] = await db
    .select({ value: count() })
    .from(auditEntries)
    .where(
      and(
        eq(auditEntries.actorId, actorId),
        gt(auditEntries.at, new Date(Date.now() - 3_600_000)),
        eq(auditEntries.outcome, 'error'),
        inArray(auditEntries.errorCode, REFUSAL_CODES),
      ),
    );
  if ((recent?.value ?? 0) < ACCOUNT_REFUSAL_LIMIT.perHour) return true;
  await db
    .insert(refusalCounts)
    .values({ actorId, windowStart: sql`date_trunc('hour', now())`, refusals: 1 })
    .onConflictDoUpdate({ target: [refusalCounts.actorId, refusalCounts.windowStart], set: { refusals: sql`${refusalCounts.refusals} + 1` } });
  return false;
}

/** How many of the account's refusals were counted but not written, over the hours still kept. */
export async function unwrittenRefusals(db: Database, actorId: string): Promise<number> {
  const [row] = await db
    .select({ value: sql<number>`coalesce(sum(${refusalCounts.refusals}), 0)::int` })
    .from(refusalCounts)
    .where(eq(refusalCounts.actorId, actorId));
  return Number(row?.value ?? 0);
}

/** The counts of hours older than `before` go with the audit log's own pruning. */
export async function pruneRefusalCounts(db: Database, before: Date): Promise<void> {
  await db.delete(refusalCounts).where(lt(refusalCounts.windowStart, before));
}
