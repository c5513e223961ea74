import 'server-only';
import { database } from '@/lib/db';
import { latestJoins } from '@/lib/history/attendance-store';
import type { RoomChecks } from '@/lib/room-checks';

/**
 * Every room without `checks`; with them, only the rooms that a join since their last listing (or
 * another change the caller knows of, `changedAt`), or the safety net, makes due.
 */
export async function roomsDue(
  rooms: string[],
  checks: RoomChecks | undefined,
  changedAt: (room: string) => Date | undefined = () => undefined,
): Promise<string[]> {
  if (!checks || rooms.length === 0) return rooms;
  const joins = await latestJoins(await database(), rooms, checks.joinsSince(rooms));
  const latest = new Map(
    rooms.flatMap((room) => {
      const times = [joins.get(room), changedAt(room)].filter((at) => at !== undefined);
      return times.length > 0 ? [[room, new Date(Math.max(...times.map((at) => at.getTime())))] as const] : [];
    }),
  );
  return checks.due(rooms, latest);
}
