import 'server-only';
import { and, eq, inArray, lt, notInArray, or, sql } from 'drizzle-orm';
import { handsSeen, type Database } from '@/lib/db';

export interface RaisedHand {
  identity: string;
  /** the participant's `stagekeeper.hand` attribute: a new value is a new raise */
  value: string;
}

export interface HandSeen extends RaisedHand {
  /** epoch milliseconds, the database's clock */
  firstSeenAt: number;
}

/** Rows per statement: three parameters each, far below PostgreSQL's 65,535. */
const CHUNK = 1000;

/**
 * Records when the dashboard first saw each hand go up (a value seen before keeps its time, a new
 * value starts again), forgets a lowered hand only if it still holds the value seen lowered (a newer raise
 * stays), and answers the first-seen time of every raised one.
 * The database's clock decides, so every moderator and replica sees one order.
 */
export async function recordHandsSeen(db: Database, room: string, raised: RaisedHand[], lowered: RaisedHand[]): Promise<HandSeen[]> {
  for (let start = 0; start < lowered.length; start += CHUNK) {
    const chunk = lowered.slice(start, start + CHUNK);
    await db
      .delete(handsSeen)
      .where(
        and(
          eq(handsSeen.room, room),
          or(...chunk.map(({ identity, value }) => and(eq(handsSeen.identity, identity), eq(handsSeen.raisedValue, value)))),
        ),
      );
  }
  const seen: HandSeen[] = [];
  for (let start = 0; start < raised.length; start += CHUNK) {
    const chunk = raised.slice(start, start + CHUNK);
    await db
      .insert(handsSeen)
      .values(chunk.map(({ identity, value }) => ({ room, identity, raisedValue: value })))
      .onConflictDoUpdate({
        target: [handsSeen.room, handsSeen.identity],
        set: { raisedValue: sql`excluded.raised_value`, firstSeenAt: sql`now()` },
        setWhere: sql`${handsSeen.raisedValue} <> excluded.raised_value`,
      });
    const rows = await db
      .select()
      .from(handsSeen)
      .where(and(eq(handsSeen.room, room), inArray(handsSeen.identity, chunk.map((hand) => hand.identity))));
    for (const row of rows) seen.push({ identity: row.identity, value: row.raisedValue, firstSeenAt: row.firstSeenAt.getTime() });
  }
  return seen;
}

/**
 * Forgets the hands of rooms that are no longer live (LiveKit's listing), seen before `before`:
 * a room that ended with hands up leaves no rows behind. `before` spares a room created since the listing.
 */
export async function pruneHandsOfEndedRooms(db: Database, liveRooms: readonly string[], before: Date): Promise<number> {
  const deleted = await db
    .delete(handsSeen)
    .where(and(lt(handsSeen.firstSeenAt, before), liveRooms.length > 0 ? notInArray(handsSeen.room, [...liveRooms]) : undefined))
    .returning({ room: handsSeen.room });
  return deleted.length;
}
