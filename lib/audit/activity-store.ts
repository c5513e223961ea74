import 'server-only';
import { and, count, isNotNull, ne, sql } from 'drizzle-orm';
import { auditWhere, type AuditFilter } from '@/lib/actions/audit-store';
import { auditEntries, type Database } from '@/lib/db';
import type { ModeratorActivity } from '@/lib/audit/shared';

const MINUTE_MS = 60_000;
/** Up to 6 hours the chart shows every minute; longer ranges group minutes so it keeps about 360 bars. */
const MAX_BUCKETS = 360;
export const DEFAULT_RANGE_MS = 60 * MINUTE_MS;
const MAX_RANGE_MS = 31 * 24 * 60 * MINUTE_MS;

export function chartRange(filter: Pick<AuditFilter, 'from' | 'to'>, now = Date.now()): { from: number; to: number; bucketMs: number } {
  const to = filter.to?.getTime() ?? now;
  const from = Math.max(filter.from?.getTime() ?? to - DEFAULT_RANGE_MS, to - MAX_RANGE_MS);
  const span = Math.max(MINUTE_MS, to - from);
  const bucketMs = Math.ceil(span / MAX_BUCKETS / MINUTE_MS) * MINUTE_MS;
  return { from: Math.floor(from / bucketMs) * bucketMs, to, bucketMs };
}

/**
 * The changes each moderator made (every outcome, as the log lists them; reads and anonymous calls
 * left out) per bucket of the range, under the page's other filters. One grouped query.
 */
export async function moderatorActivity(db: Database, filter: AuditFilter, now = Date.now()): Promise<ModeratorActivity> {
  const { from, to, bucketMs } = chartRange(filter, now);
  // a literal, not a parameter: GROUP BY must see the same expression as the select list
  const bucket = sql<string>`floor(extract(epoch from ${auditEntries.at}) * 1000 / ${sql.raw(String(Math.trunc(bucketMs)))})::bigint`;
  const rows = await db
    .select({ email: auditEntries.actorEmail, bucket, value: count() })
    .from(auditEntries)
    .where(
      and(
        auditWhere({ ...filter, includeReads: false, from: new Date(from), to: new Date(to) }),
        isNotNull(auditEntries.actorEmail),
        ne(auditEntries.access, 'read'),
      ),
    )
    .groupBy(auditEntries.actorEmail, bucket);
  const buckets = Math.max(1, Math.ceil((to - from) / bucketMs));
  const byModerator = new Map<string, number[]>();
  for (const row of rows) {
    const index = Number(row.bucket) - from / bucketMs;
    if (!row.email || index < 0 || index >= buckets) continue;
    let counts = byModerator.get(row.email);
    if (!counts) byModerator.set(row.email, (counts = new Array<number>(buckets).fill(0)));
    counts[index] = (counts[index] ?? 0) + Number(row.value);
  }
  const moderators = [...byModerator].map(([email, counts]) => ({ email, counts, total: counts.reduce((a, b) => a + b, 0) }));
  moderators.sort((a, b) => b.total - a.total || a.email.localeCompare(b.email));
  return { from, to, bucketMs, moderators };
}
