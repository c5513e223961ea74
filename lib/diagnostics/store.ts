import 'server-only';
import { and, count, desc, eq, gte, lt, min, sql, sum } from 'drizzle-orm';
import { auditEntries, replicaHeartbeats, webhookEvents, webhookRefusals, type Database } from '@/lib/db';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

function hourOf(at: Date): Date {
  return new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);
}

/** One more refused delivery in this hour's counter; counters older than a day are dropped on the way. */
export async function recordWebhookRefusal(db: Database, reason: string, at = new Date()): Promise<void> {
  await db
    .insert(webhookRefusals)
    .values({ hour: hourOf(at), reason, count: 1, lastAt: at })
    .onConflictDoUpdate({
      target: [webhookRefusals.hour, webhookRefusals.reason],
      set: { count: sql`${webhookRefusals.count} + 1`, lastAt: at },
    });
  await db.delete(webhookRefusals).where(lt(webhookRefusals.hour, new Date(at.getTime() - DAY_MS)));
}

/** Refusals whose hour began within the last hour (so up to two hours of counters), by reason. */
export async function recentWebhookRefusals(db: Database, now = new Date()): Promise<Array<{ reason: string; count: number; lastAt: Date }>> {
  const rows = await db
    .select({ reason: webhookRefusals.reason, count: sum(webhookRefusals.count), lastAt: sql<Date>`max(${webhookRefusals.lastAt})` })
    .from(webhookRefusals)
    .where(gte(webhookRefusals.lastAt, new Date(now.getTime() - HOUR_MS)))
    .groupBy(webhookRefusals.reason);
  return rows.map((row) => ({ reason: row.reason, count: Number(row.count ?? 0), lastAt: new Date(row.lastAt) }));
}

export async function lastWebhookDelivery(db: Database) {
  const [row] = await db
    .select({ event: webhookEvents.event, room: webhookEvents.room, sender: webhookEvents.sender, receivedAt: webhookEvents.receivedAt, createdAt: webhookEvents.createdAt })
    .from(webhookEvents)
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(1);
  return row;
}

export async function roomStartedReceived(db: Database, room: string): Promise<boolean> {
  const rows = await db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.event, 'room_started'), eq(webhookEvents.room, room)))
    .limit(1);
  return rows.length > 0;
}

export async function pendingAuditSummary(db: Database): Promise<{ pending: number; oldest: Date | null }> {
  const [row] = await db.select({ pending: count(), oldest: min(auditEntries.at) }).from(auditEntries).where(eq(auditEntries.outcome, 'pending'));
  return { pending: Number(row?.pending ?? 0), oldest: row?.oldest ? new Date(row.oldest) : null };
}

export async function appliedMigrations(db: Database): Promise<number> {
  const result = await db.execute<{ applied: number | string }>(sql`select count(*) as applied from drizzle.__drizzle_migrations`);
  return Number(rowsOf<{ applied: number | string }>(result)[0]?.applied ?? 0);
}

export async function largestTables(db: Database, limit = 5): Promise<Array<{ table: string; bytes: number }>> {
  const result = await db.execute<{ table: string; bytes: number | string }>(sql`
    select c.relname as "table", pg_total_relation_size(c.oid) as bytes
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind = 'r'
    order by bytes desc limit ${limit}`);
  return rowsOf<{ table: string; bytes: number | string }>(result).map((row) => ({ table: row.table, bytes: Number(row.bytes) }));
}

/** This replica is alive: its row with the database's time beside its own; replicas unseen for a day are forgotten. */
export async function beatHeart(db: Database, replica: { id: string; version: string; startedAt: Date }, localAt = new Date()): Promise<void> {
  await db
    .insert(replicaHeartbeats)
    .values({ replicaId: replica.id, version: replica.version, startedAt: replica.startedAt, localAt })
    .onConflictDoUpdate({ target: replicaHeartbeats.replicaId, set: { version: replica.version, localAt, seenAt: sql`now()` } });
  await db.delete(replicaHeartbeats).where(lt(replicaHeartbeats.seenAt, new Date(localAt.getTime() - DAY_MS)));
}

/** Replicas heard from within `withinMs` by the database's clock, with each one's clock minus the database's at its last beat. */
export async function recentReplicas(db: Database, withinMs: number) {
  const rows = await db
    .select({
      replicaId: replicaHeartbeats.replicaId,
      version: replicaHeartbeats.version,
      startedAt: replicaHeartbeats.startedAt,
      seenAt: replicaHeartbeats.seenAt,
      localAt: replicaHeartbeats.localAt,
    })
    .from(replicaHeartbeats)
    .where(gte(replicaHeartbeats.seenAt, sql`now() - make_interval(secs => ${withinMs / 1000})`))
    .orderBy(replicaHeartbeats.replicaId);
  return rows.map((row) => ({ ...row, skewMs: new Date(row.localAt).getTime() - new Date(row.seenAt).getTime() }));
}

/** node-postgres answers { rows }, PGlite answers { rows } too; drizzle's execute types differ by driver. */
function rowsOf<Row>(result: unknown): Row[] {
  return ((result as { rows?: Row[] }).rows ?? (result as Row[])) as Row[];
}
