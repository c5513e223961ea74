import 'server-only';
import { and, eq, inArray, lt, notInArray, sql } from 'drizzle-orm';
import { roomChecks, type Database } from '@/lib/db';
import type { RoomListing } from '@/lib/room-checks';

/** What any replica's sweep of `job` last listed of `rooms`. */
export async function listingsOf(db: Database, job: string, rooms: readonly string[]): Promise<RoomListing[]> {
  if (rooms.length === 0) return [];
  const rows = await db
    .select()
    .from(roomChecks)
    .where(and(eq(roomChecks.job, job), inArray(roomChecks.room, [...rooms])));
  return rows.map(({ room, listedAt, covered }) => ({ room, listedAt: listedAt.getTime(), covered: covered.getTime() }));
}

/**
 * After a sweep of `job`: its listings replace older ones (a later listing by another replica stays),
 * and the rows of rooms that are not in `live` (ended, or no longer banned or locked) go.
 */
export async function saveListings(db: Database, job: string, listings: readonly RoomListing[], live: readonly string[]): Promise<void> {
  await db.transaction(async (tx) => {
    if (listings.length > 0) {
      await tx
        .insert(roomChecks)
        .values(listings.map(({ room, listedAt, covered }) => ({ job, room, listedAt: new Date(listedAt), covered: new Date(covered) })))
        .onConflictDoUpdate({
          target: [roomChecks.job, roomChecks.room],
          set: { listedAt: sql`excluded.listed_at`, covered: sql`excluded.covered` },
          setWhere: lt(roomChecks.listedAt, sql`excluded.listed_at`),
        });
    }
    const ended = live.length > 0 ? notInArray(roomChecks.room, [...live]) : undefined;
    await tx.delete(roomChecks).where(and(eq(roomChecks.job, job), ended));
  });
}
