import 'server-only';
import { and, desc, eq, gt, or, sql } from 'drizzle-orm';
import type { UnmuteRequestState, UnmuteRequestView } from '@/lib/unmute-requests/shared';
import type { TrackView } from '@/lib/livekit/types';
import { unmuteRequests, type Database, type UnmuteRequestRow } from '@/lib/db';

export interface NewUnmuteRequest {
  id: string;
  room: string;
  identity: string;
  trackSid: string;
  trackSource: TrackView['source'];
  askedBy: string;
  askedByEmail: string | null;
}

/** The database's clock sets both times, so every replica agrees on when a request expires. */
export async function insertUnmuteRequest(db: Database, request: NewUnmuteRequest, ttlMs: number): Promise<UnmuteRequestRow> {
  const [row] = await db
    .insert(unmuteRequests)
    .values({ ...request, expiresAt: sql`now() + ${ttlMs}::double precision * interval '1 millisecond'` })
    .returning();
  return row!;
}

export async function deleteUnmuteRequest(db: Database, id: string): Promise<void> {
  await db.delete(unmuteRequests).where(eq(unmuteRequests.id, id));
}

/** The track's request that is asked and not yet past its expiry, if any. */
export async function openUnmuteRequestFor(db: Database, room: string, identity: string, trackSid: string): Promise<UnmuteRequestRow | undefined> {
  const [row] = await db
    .select()
    .from(unmuteRequests)
    .where(
      and(
        eq(unmuteRequests.room, room),
        eq(unmuteRequests.identity, identity),
        eq(unmuteRequests.trackSid, trackSid),
        eq(unmuteRequests.state, 'asked'),
        gt(unmuteRequests.expiresAt, sql`now()`),
      ),
    )
    .orderBy(desc(unmuteRequests.askedAt))
    .limit(1);
  return row;
}

export async function latestUnmuteRequestFor(db: Database, room: string, identity: string, trackSid: string): Promise<UnmuteRequestRow | null> {
  const [row] = await db
    .select()
    .from(unmuteRequests)
    .where(and(eq(unmuteRequests.room, room), eq(unmuteRequests.identity, identity), eq(unmuteRequests.trackSid, trackSid)))
    .orderBy(desc(unmuteRequests.askedAt))
    .limit(1);
  return row ?? null;
}

export async function askedUnmuteRequests(db: Database): Promise<UnmuteRequestRow[]> {
  return db.select().from(unmuteRequests).where(eq(unmuteRequests.state, 'asked'));
}

/** The request's end, once: null when it is no longer asked (another replica or an earlier pass settled it). */
export async function settleUnmuteRequest(
  db: Database,
  id: string,
  state: Exclude<UnmuteRequestState, 'asked'>,
): Promise<UnmuteRequestRow | null> {
  const [row] = await db
    .update(unmuteRequests)
    .set({ state, settledAt: sql`now()` })
    .where(and(eq(unmuteRequests.id, id), eq(unmuteRequests.state, 'asked')))
    .returning();
  return row ?? null;
}

/** Requests the room page shows: those still asked, and those asked within the last `withinMs`; newest first. */
export async function recentUnmuteRequests(db: Database, room: string, withinMs: number, limit = 500): Promise<UnmuteRequestRow[]> {
  return db
    .select()
    .from(unmuteRequests)
    .where(
      and(
        eq(unmuteRequests.room, room),
        or(eq(unmuteRequests.state, 'asked'), gt(unmuteRequests.askedAt, sql`now() - ${withinMs}::double precision * interval '1 millisecond'`)),
      ),
    )
    .orderBy(desc(unmuteRequests.askedAt))
    .limit(limit);
}

export function unmuteRequestView(row: UnmuteRequestRow): UnmuteRequestView {
  return {
    id: row.id,
    room: row.room,
    identity: row.identity,
    trackSid: row.trackSid,
    source: row.trackSource as TrackView['source'],
    askedBy: row.askedBy,
    askedAt: row.askedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    state: row.state,
    settledAt: row.settledAt?.toISOString() ?? null,
  };
}
