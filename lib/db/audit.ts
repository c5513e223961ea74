import 'server-only';
import { and, count, desc, eq, lt, lte, max, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AuditEntry } from '@/lib/actions/gate';
import { auditEntries, type AuditRow, type Database } from './index';

export async function insertAuditEntry(db: Database, entry: AuditEntry): Promise<void> {
  await db.insert(auditEntries).values(auditRow(entry));
}

/** PostgreSQL takes at most 65,535 parameters a statement; 500 rows of 16 columns stay well below. */
const ROWS_PER_INSERT = 500;

export async function insertAuditEntries(db: Database, entries: AuditEntry[]): Promise<void> {
  for (let start = 0; start < entries.length; start += ROWS_PER_INSERT) {
    await db.insert(auditEntries).values(entries.slice(start, start + ROWS_PER_INSERT).map(auditRow));
  }
}

function auditRow(entry: AuditEntry): typeof auditEntries.$inferInsert {
  return {
    at: entry.at,
    actorId: entry.actor?.id ?? null,
    actorEmail: entry.actor?.email ?? null,
    actorRole: entry.actor?.role ?? null,
    action: entry.action,
    access: entry.access,
    room: entry.target.room ?? null,
    targetIdentity: entry.target.identity ?? null,
    targetTrack: entry.target.trackSid ?? null,
    input: entry.input ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
    outcome: entry.outcome.ok ? 'ok' : 'error',
    errorCode: entry.outcome.ok ? null : entry.outcome.error.code,
    errorMessage: entry.outcome.ok ? null : entry.outcome.error.message,
    durationMs: entry.durationMs,
  };
}

export interface AuditFilter {
  room?: string;
  /** the moderator's email */
  actor?: string;
  /** the target participant's identity */
  target?: string;
  action?: string;
  /** successful reads (the console lists often) are left out unless asked for */
  includeReads?: boolean;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
}

function where(filter: AuditFilter): SQL | undefined {
  return and(
    filter.room ? eq(auditEntries.room, filter.room) : undefined,
    filter.actor ? eq(auditEntries.actorEmail, filter.actor.toLowerCase()) : undefined,
    filter.target ? eq(auditEntries.targetIdentity, filter.target) : undefined,
    filter.action ? eq(auditEntries.action, filter.action) : undefined,
    filter.includeReads ? undefined : or(ne(auditEntries.access, 'read'), eq(auditEntries.outcome, 'error')),
  );
}

export async function queryAudit(
  db: Database,
  filter: AuditFilter,
  { page = 1, pageSize = 50 }: { page?: number; pageSize?: number } = {},
): Promise<AuditPage> {
  const condition = where(filter);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(auditEntries)
      .where(condition)
      .orderBy(desc(auditEntries.at), desc(auditEntries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ value: count() }).from(auditEntries).where(condition),
  ]);
  return { rows, total: total?.value ?? 0, page, pageSize };
}

/**
 * Every matching entry, newest first, in batches, for the CSV export: the log as it stood when the
 * export began. Each batch continues after the last row sent, by (at, id), never by OFFSET: rows
 * written or pruned while it runs neither repeat nor push others out of the export.
 */
export async function* allAuditEntries(db: Database, filter: AuditFilter, batchSize = 500): AsyncGenerator<AuditRow> {
  const [newest] = await db.select({ id: max(auditEntries.id) }).from(auditEntries);
  if (newest?.id == null) return;
  const snapshot = lte(auditEntries.id, Number(newest.id));
  let after: { at: string; id: number } | undefined;
  for (;;) {
    const batch = await db
      .select({ row: auditEntries, at: sql<string>`${auditEntries.at}::text` })
      .from(auditEntries)
      .where(and(where(filter), snapshot, after && sql`(${auditEntries.at}, ${auditEntries.id}) < (${after.at}::timestamptz, ${after.id})`))
      .orderBy(desc(auditEntries.at), desc(auditEntries.id))
      .limit(batchSize);
    for (const { row } of batch) yield row;
    const last = batch.at(-1);
    if (!last || batch.length < batchSize) return;
    // the timestamp as PostgreSQL holds it (microseconds), not as a millisecond Date
    after = { at: last.at, id: last.row.id };
  }
}

export async function auditActions(db: Database): Promise<string[]> {
  const rows = await db.selectDistinct({ action: auditEntries.action }).from(auditEntries).orderBy(auditEntries.action);
  return rows.map((row) => row.action);
}

/**
 * Deletes successful reads older than `before`. The console lists rooms every 3 s, so they would
 * outgrow everything else; changes and refusals are kept. Returns how many entries went.
 */
export async function pruneSuccessfulReads(db: Database, before: Date): Promise<number> {
  const deleted = await db
    .delete(auditEntries)
    .where(and(eq(auditEntries.access, 'read'), eq(auditEntries.outcome, 'ok'), lt(auditEntries.at, before)))
    .returning({ id: auditEntries.id });
  return deleted.length;
}
