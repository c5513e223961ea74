import 'server-only';
import { and, count, desc, eq, gt, gte, isNotNull, isNull, lt, lte, max, ne, or, sql, type SQL } from 'drizzle-orm';
import { AuditUnavailable, type AuditEntry, type AuditSink, type PendingEntry } from '@/lib/actions/gate';
import { groupCommit } from '@/lib/db/group-commit';
import { keepPendingAlive, pendingEnded } from '@/lib/actions/heartbeat-store';
import { mayWriteAccountRefusal, pruneRefusalCounts } from './refusal-store';
import { releaseClaimsAfterChanges } from '@/lib/teamwork/claims-service';
import { auditEntries, type AuditRow, type Database } from '@/lib/db';

export async function insertAuditEntry(db: Database, entry: AuditEntry, clientAddress?: string): Promise<void> {
  await db.insert(auditEntries).values({ ...auditRow(entry), clientAddress: clientAddress ?? null });
}

/** The entry of a change about to be attempted, as `pending`; its id completes it. */
export async function insertPendingEntry(db: Database, entry: PendingEntry): Promise<number> {
  const [id] = await insertPendingEntries(db, [entry]);
  return id!;
}

/** Several pending entries in one statement; their ids in the order given. */
export async function insertPendingEntries(db: Database, entries: readonly PendingEntry[]): Promise<number[]> {
  const rows = await db
    .insert(auditEntries)
    .values(entries.map((entry) => ({ ...auditRow({ ...entry, outcome: { ok: true }, durationMs: 0 }), outcome: 'pending' as const })))
    .returning({ id: auditEntries.id });
  // ids are drawn in the order of the values; RETURNING's own order is not promised
  return rows.map(({ id }) => id).sort((a, b) => a - b);
}

/** A pending entry's outcome, also over `interrupted`: a call that outlived the sweep's bound still tells how it ended. */
export async function completeAuditEntry(db: Database, id: number, entry: AuditEntry): Promise<void> {
  await completeAuditEntries(db, [{ id, entry }]);
}

/** Several pending entries' outcomes in one statement. */
export async function completeAuditEntries(db: Database, completions: readonly { id: number; entry: AuditEntry }[]): Promise<void> {
  const values = completions.map(({ id, entry }) => {
    const { outcome, errorCode, errorMessage, before, after, durationMs } = auditRow(entry);
    const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
    return sql`(${id}::bigint, ${outcome}, ${errorCode}, ${errorMessage}, ${json(before)}::jsonb, ${json(after)}::jsonb, ${durationMs}::integer)`;
  });
  // "before" too: a single change's snapshot is read while its pending row is written (lib/actions/define-action)
  await db.execute(sql`
    update ${auditEntries} set outcome = v.outcome, error_code = v.error_code, error_message = v.error_message,
      before = coalesce(v.before, ${auditEntries.before}), after = v.after, duration_ms = v.duration_ms
    from (values ${sql.join(values, sql`, `)}) as v(id, outcome, error_code, error_message, before, after, duration_ms)
    where ${auditEntries.id} = v.id`);
}

/**
 * For a change made outside defineAction (the webhook's auto-eject, a background sweep): its row is
 * written as pending before `change` runs, and completed with what `change` answers. When the row
 * cannot be written this throws AuditUnavailable and `change` does not run.
 */
export async function auditedChange(
  db: Database,
  entry: PendingEntry,
  change: () => Promise<AuditEntry['outcome']>,
): Promise<AuditEntry['outcome']> {
  const started = performance.now();
  const id = await insertPendingEntry(db, entry).catch((error: unknown) => {
    throw new AuditUnavailable(`could not write the pending audit entry of ${entry.action}`, { cause: error });
  });
  keepPendingAlive(db, id);
  const outcome = await change().finally(() => pendingEnded(db, id));
  await completeAuditEntry(db, id, { ...entry, outcome, durationMs: Math.round(performance.now() - started) }).catch((error: unknown) =>
    console.error(`[audit] could not complete ${entry.action}`, error),
  );
  return outcome;
}

export const INTERRUPTED_MESSAGE = 'The dashboard stopped before this call ended; whether it reached LiveKit is unknown';

/** Pending entries with no sign of life (begun, or last heartbeat) since `before` become `interrupted`; returns how many. */
export async function markInterrupted(db: Database, before: Date): Promise<number> {
  const marked = await db
    .update(auditEntries)
    .set({ outcome: 'interrupted', errorCode: 'interrupted', errorMessage: INTERRUPTED_MESSAGE })
    .where(and(eq(auditEntries.outcome, 'pending'), lt(sql`coalesce(${auditEntries.heartbeatAt}, ${auditEntries.at})`, before)))
    .returning({ id: auditEntries.id });
  return marked.length;
}

/**
 * Anonymous refusals stored per address in a minute, and from every address together in an hour;
 * more are answered but not stored. With inputs cut to ~1.5 KB the log grows at most ~1.7 MB an hour.
 */
export const ANONYMOUS_REFUSAL_LIMITS = { perAddressPerMinute: 60, overallPerHour: 1000 };

/**
 * Records a refusal of a call nobody signed in for, unless its address (or everyone together) already
 * left the most the window may hold: a public endpoint must not be a way to fill the database.
 * Returns whether it was written. Counted in the database, so every replica shares the limit.
 */
export async function insertAnonymousRefusal(db: Database, entry: AuditEntry, clientAddress: string): Promise<boolean> {
  const anonymousSince = (ms: number) =>
    and(isNull(auditEntries.actorId), isNotNull(auditEntries.clientAddress), gt(auditEntries.at, new Date(Date.now() - ms)));
  const [[fromAddress], [overall]] = await Promise.all([
    db.select({ value: count() }).from(auditEntries).where(and(anonymousSince(60_000), eq(auditEntries.clientAddress, clientAddress))),
    db.select({ value: count() }).from(auditEntries).where(anonymousSince(3_600_000)),
  ]);
  if ((fromAddress?.value ?? 0) >= ANONYMOUS_REFUSAL_LIMITS.perAddressPerMinute) return false;
  if ((overall?.value ?? 0) >= ANONYMOUS_REFUSAL_LIMITS.overallPerHour) return false;
  await insertAuditEntry(db, entry, clientAddress);
  return true;
}

/**
 * The audit sink on a database: refusals of anonymous calls carry the caller's address and are
 * rate-limited per address, a signed-in account's refusals per account (ACCOUNT_REFUSAL_LIMIT);
 * changes go through pending rows.
 */
export function databaseAuditSink(
  db: () => Promise<Database>,
  clientAddress: () => Promise<string | undefined> = async () => undefined,
): AuditSink {
  return {
    async record(entry) {
      if (entry.actor === null && !entry.outcome.ok) {
        await insertAnonymousRefusal(await db(), entry, (await clientAddress()) ?? 'unknown');
        return;
      }
      if (entry.refused && entry.actor && !(await mayWriteAccountRefusal(await db(), entry.actor.id))) return;
      await insertAuditEntry(await db(), entry);
    },
    async begin(entry) {
      const database = await db();
      const id = await writers(database).begin(entry);
      keepPendingAlive(database, id);
      return id;
    },
    async complete(id, entry) {
      const database = await db();
      pendingEnded(database, id);
      await writers(database).complete({ id, entry });
    },
  };
}

/** Largest batch of one statement: far below PostgreSQL's 65,535 parameters at 16 columns a row. */
const MAX_AUDIT_BATCH = 200;
const WRITERS = Symbol.for('stagekeeper.auditWriters');
type Writers = { begin: (entry: PendingEntry) => Promise<number>; complete: (completion: { id: number; entry: AuditEntry }) => Promise<void> };
type WritersHolder = { [WRITERS]?: WeakMap<Database, Writers> };

/**
 * One group-committing writer per database for the whole process: the pending rows and the
 * completions of actions running at the same time (a bulk request, many moderators) share round trips.
 */
function writers(db: Database): Writers {
  const holder = globalThis as WritersHolder;
  const all = (holder[WRITERS] ??= new WeakMap());
  let found = all.get(db);
  if (!found) {
    const completeBatch = groupCommit<{ id: number; entry: AuditEntry }, void>(
      async (batch) => {
        await completeAuditEntries(db, batch);
        // a moderator's claim on a participant ends when they act on them
        await releaseClaimsAfterChanges(db, batch.map(({ entry }) => entry));
        return batch.map(() => undefined);
      },
      { maxBatch: MAX_AUDIT_BATCH },
    );
    found = {
      begin: groupCommit((batch: readonly PendingEntry[]) => insertPendingEntries(db, batch), { maxBatch: MAX_AUDIT_BATCH }),
      complete: completeBatch,
    };
    all.set(db, found);
  }
  return found;
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
    parentId: entry.parentId ?? null,
    undoesId: entry.undoesId ?? null,
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
  /** entries at or after this time */
  from?: Date;
  /** entries before this time */
  to?: Date;
}

export interface AuditPage {
  rows: AuditRow[];
  total: number;
  page: number;
  pageSize: number;
}

export function auditWhere(filter: AuditFilter): SQL | undefined {
  return and(
    filter.from ? gte(auditEntries.at, filter.from) : undefined,
    filter.to ? lt(auditEntries.at, filter.to) : undefined,
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
  const condition = auditWhere(filter);
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
      .where(and(auditWhere(filter), snapshot, after && sql`(${auditEntries.at}, ${auditEntries.id}) < (${after.at}::timestamptz, ${after.id})`))
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
 * Deletes successful reads and refusals of anonymous calls older than `before`. The console lists
 * rooms every 3 s, and anyone may call an action without signing in, so either would outgrow
 * everything else; changes and signed-in refusals are kept (those past the per-account limit were
 * only counted: the counts of those hours go too). Returns how many entries went.
 */
export async function pruneAuditLog(db: Database, before: Date): Promise<number> {
  const successfulRead = and(eq(auditEntries.access, 'read'), eq(auditEntries.outcome, 'ok'));
  const anonymousRefusal = and(isNull(auditEntries.actorId), isNotNull(auditEntries.clientAddress), eq(auditEntries.outcome, 'error'));
  const deleted = await db
    .delete(auditEntries)
    .where(and(or(successfulRead, anonymousRefusal), lt(auditEntries.at, before)))
    .returning({ id: auditEntries.id });
  await pruneRefusalCounts(db, before);
  return deleted.length;
}
