import 'server-only';
import { and, desc, eq, gt, isNull, lt, ne, or, sql } from 'drizzle-orm';
import type { StoredAlert, StoredAlertKind, WaitingHand } from '@/lib/teamwork/shared';
import { bans, handsSeen, roomAlerts, webhookEvents, type BanRow, type Database } from '@/lib/db';

const since = (column: typeof webhookEvents.receivedAt | typeof bans.createdAt | typeof roomAlerts.lastAt, ms: number) =>
  gt(column, sql`now() - make_interval(secs => ${ms / 1000})`);

/** How many sessions (participant sids) of `identity` joined `room` within the window, by the join webhooks. */
export async function joinSessionsWithin(db: Database, room: string, identity: string, windowMs: number): Promise<number> {
  const [row] = await db
    .select({ sessions: sql<number>`count(distinct ${webhookEvents.participantSid})::int` })
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.room, room),
        eq(webhookEvents.identity, identity),
        eq(webhookEvents.event, 'participant_joined'),
        since(webhookEvents.receivedAt, windowMs),
      ),
    );
  return Number(row?.sessions ?? 0);
}

/** Whether `identity` joined `room` before `before` (by the join webhooks). */
export async function joinedBefore(db: Database, room: string, identity: string, before: Date): Promise<boolean> {
  const [row] = await db
    .select({ id: webhookEvents.id })
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.room, room),
        eq(webhookEvents.identity, identity),
        eq(webhookEvents.event, 'participant_joined'),
        lt(webhookEvents.receivedAt, before),
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Active bans of other identities made within the window that cover `room`. */
export async function recentBansCovering(db: Database, room: string, identity: string, windowMs: number): Promise<BanRow[]> {
  return db
    .select()
    .from(bans)
    .where(
      and(
        since(bans.createdAt, windowMs),
        isNull(bans.liftedAt),
        ne(bans.identity, identity),
        or(isNull(bans.room), eq(bans.room, room)),
      ),
    )
    .orderBy(desc(bans.createdAt))
    .limit(20);
}

/** The name and metadata `identity` last joined with anywhere, as LiveKit's join webhook told them. */
export async function lastJoinedAs(db: Database, identity: string): Promise<{ name: string; metadata: string } | null> {
  const [row] = await db
    .select({ payload: webhookEvents.payload })
    .from(webhookEvents)
    .where(and(eq(webhookEvents.identity, identity), eq(webhookEvents.event, 'participant_joined')))
    .orderBy(desc(webhookEvents.receivedAt))
    .limit(1);
  const participant = (row?.payload as { participant?: { name?: unknown; metadata?: unknown } } | null)?.participant;
  if (!participant) return null;
  return { name: typeof participant.name === 'string' ? participant.name : '', metadata: typeof participant.metadata === 'string' ? participant.metadata : '' };
}

/** Raises the alert, or refreshes the open one of the same kind on that identity; true when it is new. */
export async function raiseAlert(
  db: Database,
  alert: { room: string; identity: string; kind: StoredAlertKind; detail: Record<string, unknown> },
): Promise<boolean> {
  const [row] = await db
    .insert(roomAlerts)
    .values(alert)
    .onConflictDoUpdate({
      target: [roomAlerts.room, roomAlerts.identity, roomAlerts.kind],
      targetWhere: sql`${roomAlerts.dismissedAt} is null`,
      set: { detail: alert.detail, lastAt: sql`now()` },
    })
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return row?.inserted === true;
}

/** The room's alerts not dismissed, last raised within `shownForMs`, newest first. */
export async function openAlerts(db: Database, room: string, shownForMs: number): Promise<StoredAlert[]> {
  const rows = await db
    .select()
    .from(roomAlerts)
    .where(and(eq(roomAlerts.room, room), isNull(roomAlerts.dismissedAt), since(roomAlerts.lastAt, shownForMs)))
    .orderBy(desc(roomAlerts.lastAt))
    .limit(200);
  return rows.map((row) => ({
    id: row.id,
    room: row.room,
    identity: row.identity,
    kind: row.kind,
    detail: row.detail as Record<string, unknown>,
    firstAt: row.firstAt.getTime(),
    lastAt: row.lastAt.getTime(),
  }));
}

export async function dismissAlert(db: Database, room: string, id: number, by: string): Promise<StoredAlert | null> {
  const [row] = await db
    .update(roomAlerts)
    .set({ dismissedAt: sql`now()`, dismissedBy: by })
    .where(and(eq(roomAlerts.id, id), eq(roomAlerts.room, room), isNull(roomAlerts.dismissedAt)))
    .returning();
  if (!row) return null;
  return { id: row.id, room: row.room, identity: row.identity, kind: row.kind, detail: row.detail as Record<string, unknown>, firstAt: row.firstAt.getTime(), lastAt: row.lastAt.getTime() };
}

/**
 * Hands up longer than `waitMs` by the database's clock (first-seen times, see hands.ts), and how long
 * until the next hand now up crosses it.
 */
export async function handsWaiting(db: Database, room: string, waitMs: number): Promise<{ waiting: WaitingHand[]; nextDueInMs: number | null }> {
  const rows = await db
    .select({ identity: handsSeen.identity, since: handsSeen.firstSeenAt, ageMs: sql<number>`(extract(epoch from now() - ${handsSeen.firstSeenAt}) * 1000)::float8` })
    .from(handsSeen)
    .where(eq(handsSeen.room, room));
  const waiting: WaitingHand[] = [];
  let nextDueInMs: number | null = null;
  for (const row of rows) {
    const age = Number(row.ageMs);
    if (age >= waitMs) waiting.push({ identity: row.identity, since: row.since.getTime() });
    else nextDueInMs = Math.min(nextDueInMs ?? Infinity, waitMs - age);
  }
  return { waiting: waiting.sort((a, b) => a.since - b.since), nextDueInMs };
}
