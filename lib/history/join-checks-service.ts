import 'server-only';
import { database } from '@/lib/db';
import { latestJoins } from '@/lib/history/attendance-store';
import { listingsOf, saveListings } from '@/lib/history/room-checks-store';
import type { RoomChecks } from '@/lib/room-checks';

/**
 * Every room without `checks`; with them, only the rooms that a join since their last listing by any
 * replica's sweep of `job` (or another change the caller knows of, `changedAt`), or the safety net,
 * makes due.
 */
export async function roomsDue(
  job: string,
  rooms: string[],
  checks: RoomChecks | undefined,
  changedAt: (room: string) => Date | undefined = () => undefined,
): Promise<string[]> {
  if (!checks || rooms.length === 0) return rooms;
  const db = await database();
  checks.adopt(await listingsOf(db, job, rooms));
  const joins = await latestJoins(db, rooms, checks.joinsSince(rooms));
  const latest = new Map(
    rooms.flatMap((room) => {
      const times = [joins.get(room), changedAt(room)].filter((at) => at !== undefined);
      return times.length > 0 ? [[room, new Date(Math.max(...times.map((at) => at.getTime())))] as const] : [];
    }),
  );
  return checks.due(rooms, latest);
}

/** After the sweep of `job` listed `listed` of the `live` rooms: the other replicas' sweeps count those listings too. */
export async function shareListings(job: string, checks: RoomChecks | undefined, listed: readonly string[], live: readonly string[]): Promise<void> {
  if (!checks) return;
  await saveListings(await database(), job, checks.listings(listed), live);
}
