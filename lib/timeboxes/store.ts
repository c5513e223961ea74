import 'server-only';
import { and, asc, desc, eq, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { timeboxes, type Database, type TimeboxRow } from '@/lib/db';
import { notifyRoomChange } from '@/lib/events/room-events-store';
import { MAX_SLOT_SECONDS, type RoomTimeboxes, type TimeboxEndReason, type TimeboxView } from '@/lib/timeboxes/shared';

/**
 * The stored time-boxes. Every time is the database's clock (`now()`), so every replica and every
 * moderator's page count down to the same end; ends are kept to the millisecond, so the end a reader
 * saw can be compared with the stored one. Changes tell the room pages with a `timebox_changed` room
 * event; a lost one costs a late countdown, which the pages' safety poll repairs.
 */

export interface TimeboxEnding {
  reason: TimeboxEndReason;
  /** who ended it: a moderator's email, or the time-box itself */
  by: string | null;
  note?: string;
}

/** `at` for tests and for the clock's own tick; the database's now otherwise. */
const clock = (at?: Date): SQL => (at ? sql`${at.toISOString()}::timestamptz` : sql`now()`);

export function timeboxView(row: TimeboxRow): TimeboxView {
  return {
    id: row.id,
    room: row.room,
    identity: row.identity,
    participantSid: row.participantSid,
    startedAt: row.startedAt.getTime(),
    endsAt: row.endsAt.getTime(),
    setBy: row.setByEmail,
    warnedAt: row.warnedAt?.getTime() ?? null,
    endedAt: row.endedAt?.getTime() ?? null,
    endReason: row.endReason,
    endedBy: row.endedBy,
  };
}

export async function runningTimebox(db: Database, room: string, identity: string): Promise<TimeboxRow | undefined> {
  const [row] = await db
    .select()
    .from(timeboxes)
    .where(and(eq(timeboxes.room, room), eq(timeboxes.identity, identity), isNull(timeboxes.endedAt)));
  return row;
}

/**
 * A new slot for this participant session, from now; one still running for the identity ends as
 * `replaced`. Called inside the participant's lock, so two moderators' slots for one speaker queue.
 */
export async function startTimebox(
  db: Database,
  slot: { room: string; identity: string; participantSid: string; seconds: number; setBy: { id: string; email: string } },
): Promise<TimeboxRow> {
  const row = await db.transaction(async (tx) => {
    await endRunning(tx as unknown as Database, slot.room, slot.identity, { reason: 'replaced', by: slot.setBy.email, note: 'a new slot was given' });
    const [inserted] = await tx
      .insert(timeboxes)
      .values({
        room: slot.room,
        identity: slot.identity,
        participantSid: slot.participantSid,
        endsAt: sql`date_trunc('milliseconds', now() + make_interval(secs => ${slot.seconds}))`,
        setById: slot.setBy.id,
        setByEmail: slot.setBy.email,
      })
      .returning();
    return inserted!;
  });
  await announce(db, slot.room);
  return row;
}

async function endRunning(db: Database, room: string, identity: string, ending: TimeboxEnding, id?: number): Promise<TimeboxRow | undefined> {
  const [ended] = await db
    .update(timeboxes)
    .set({ endedAt: sql`now()`, endReason: ending.reason, endedBy: ending.by, endNote: ending.note ?? null })
    .where(and(eq(timeboxes.room, room), eq(timeboxes.identity, identity), isNull(timeboxes.endedAt), id === undefined ? undefined : eq(timeboxes.id, id)))
    .returning();
  return ended;
}

/** Ends the slot running for this identity (only slot `id`, when given); undefined when none was. */
export async function endTimebox(db: Database, room: string, identity: string, ending: TimeboxEnding, id?: number): Promise<TimeboxRow | undefined> {
  const ended = await endRunning(db, room, identity, ending, id);
  if (ended) await announce(db, room);
  return ended;
}

/**
 * The running slot ends `seconds` later (counted from now if its end has passed while the clock
 * had not acted yet), within MAX_SLOT_SECONDS from now; the warning is sent again before the new end.
 */
export async function extendTimebox(db: Database, room: string, identity: string, seconds: number): Promise<TimeboxRow | undefined> {
  const [row] = await db
    .update(timeboxes)
    .set({
      endsAt: sql`date_trunc('milliseconds', least(greatest(${timeboxes.endsAt}, now()) + make_interval(secs => ${seconds}), now() + make_interval(secs => ${MAX_SLOT_SECONDS})))`,
      warnedAt: null,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
    })
    .where(and(eq(timeboxes.room, room), eq(timeboxes.identity, identity), isNull(timeboxes.endedAt)))
    .returning();
  if (row) await announce(db, room);
  return row;
}

export async function roomTimeboxes(db: Database, room: string): Promise<RoomTimeboxes> {
  const [[now], running, [lastEnded]] = await Promise.all([
    db.execute(sql`select (extract(epoch from now()) * 1000)::float8 as now`).then((result) => rowsOf<{ now: number }>(result)),
    db.select().from(timeboxes).where(and(eq(timeboxes.room, room), isNull(timeboxes.endedAt))).orderBy(asc(timeboxes.endsAt)),
    db.select().from(timeboxes).where(and(eq(timeboxes.room, room), isNotNull(timeboxes.endedAt))).orderBy(desc(timeboxes.endedAt)).limit(1),
  ]);
  return { now: Number(now?.now ?? Date.now()), running: running.map(timeboxView), lastEnded: lastEnded ? timeboxView(lastEnded) : null };
}

/** node-postgres answers `{ rows }`, PGlite too; drizzle's execute passes either through. */
function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}

export interface DueTimebox {
  row: TimeboxRow;
  /** its end has come (else only its warning is due), by the database's clock */
  endDue: boolean;
  /** the database's clock, epoch milliseconds */
  now: number;
}

/** Running slots whose warning is due (within `warnLeadMs` of the end and not warned yet), or whose end has come. */
export async function dueTimeboxes(db: Database, { warnLeadMs, at, limit = 50 }: { warnLeadMs: number; at?: Date; limit?: number }): Promise<DueTimebox[]> {
  const now = clock(at);
  const endDue = and(lte(timeboxes.endsAt, now), or(isNull(timeboxes.nextAttemptAt), lte(timeboxes.nextAttemptAt, now)));
  const rows = await db
    .select({
      row: timeboxes,
      endDue: sql<boolean>`coalesce(${endDue}, false)`,
      now: sql<number>`(extract(epoch from ${now}) * 1000)::float8`,
    })
    .from(timeboxes)
    .where(
      and(
        isNull(timeboxes.endedAt),
        or(and(isNull(timeboxes.warnedAt), lte(timeboxes.endsAt, sql`${now} + make_interval(secs => ${warnLeadMs / 1000})`)), endDue),
      ),
    )
    .orderBy(asc(timeboxes.endsAt))
    .limit(limit);
  return rows.map(({ row, endDue, now }) => ({ row, endDue: Boolean(endDue), now: Number(now) }));
}

/** Marks the warning of slot `id` as sent (once LiveKit took it), unless the slot changed meanwhile: then the new end is warned of again. */
export async function markWarned(db: Database, row: TimeboxRow): Promise<boolean> {
  const claimed = await db
    .update(timeboxes)
    .set({ warnedAt: sql`now()` })
    .where(and(eq(timeboxes.id, row.id), isNull(timeboxes.warnedAt), isNull(timeboxes.endedAt), eq(timeboxes.endsAt, row.endsAt)))
    .returning({ id: timeboxes.id });
  return claimed.length > 0;
}

/** The end could not be carried out (LiveKit unreachable, say): tried again after 1, 2, 4 … at most 60 s. */
export async function recordFailedEnd(db: Database, id: number, error: string): Promise<void> {
  await db
    .update(timeboxes)
    .set({
      attempts: sql`${timeboxes.attempts} + 1`,
      lastError: error.slice(0, 1000),
      nextAttemptAt: sql`now() + make_interval(secs => least(60, power(2, ${timeboxes.attempts})::int))`,
    })
    .where(eq(timeboxes.id, id));
}

/** Tells every replica's room pages that this room's slots changed. Never throws: the pages poll as a safety net. */
async function announce(db: Database, room: string): Promise<void> {
  try {
    await notifyRoomChange(db, { kind: 'timebox_changed', room, at: Date.now() });
  } catch (error) {
    console.error(`[timeboxes] could not announce a change in ${room}`, error);
  }
}
