/** Ten minutes: how long a quiet room may go unlisted by a sweep (0.1 ListParticipants a minute at most). */
export const SAFETY_NET_MS = 10 * 60_000;
/** Joins are dated by LiveKit's clock, checks by this replica's: a join this close before a check is looked at again. */
const CLOCK_MARGIN_MS = 10_000;

/** Each room's safety net turns at its own moment of the interval, so that quiet rooms are not all listed in one round. */
function offsetOf(room: string, everyMs: number): number {
  let hash = 0;
  for (let i = 0; i < room.length; i += 1) hash = (hash * 31 + room.charCodeAt(i)) >>> 0;
  return hash % everyMs;
}

/**
 * Whether the room's safety net has come round since `last`: a turn every `everyMs` on one grid per
 * room that every job (the sweeps, the sampler) shares, so that the jobs of one replica come due for a
 * quiet room in the same round and one listing serves them all (lib/livekit/shared-listing).
 */
export function safetyNetDue(room: string, last: number, now: number, everyMs: number): boolean {
  const turn = (at: number) => Math.floor((at + offsetOf(room, everyMs)) / everyMs);
  return turn(now) > turn(last);
}

/**
 * When a periodic sweep last listed each room, so that it lists a room again only when something may
 * have changed there: a join since (the webhooks' attendance rows, in the database, whichever replica
 * received them), or `safetyNetMs` without a listing (a webhook LiveKit dropped, or one that came while
 * no dashboard ran). Per replica and safe to lose: a replica that has not swept yet (just started, or
 * told LiveKit answers again) lists every room once. Bounded by the live rooms of the last sweep.
 */
export class RoomChecks {
  /** per room: when it was last listed, and the latest change that listing covered */
  private readonly rooms = new Map<string, { listedAt: number; covered: number }>();
  /** the latest change each due room had when due() chose it; a successful listing covers it */
  private readonly pending = new Map<string, number>();

  constructor(
    readonly safetyNetMs = SAFETY_NET_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The earliest join time that can make one of `rooms` due: ask the attendance rows from here. */
  joinsSince(rooms: readonly string[]): Date {
    const times = rooms.map((room) => this.rooms.get(room)?.listedAt ?? 0);
    return new Date(Math.max(0, Math.min(...times, this.now()) - CLOCK_MARGIN_MS));
  }

  /**
   * The rooms to list now, given each room's latest change (a join, a new ban): never listed by this
   * replica, its safety net come round since (at most `safetyNetMs` apart), or changed since a listing that did not cover it. A change is
   * dated by LiveKit's clock, hence the margin. Forgets the rooms that are no longer live.
   */
  due(rooms: readonly string[], latestChange: ReadonlyMap<string, Date>): string[] {
    const live = new Set(rooms);
    for (const room of this.rooms.keys()) if (!live.has(room)) this.rooms.delete(room);
    this.pending.clear();
    const now = this.now();
    return rooms.filter((room) => {
      const change = latestChange.get(room)?.getTime() ?? 0;
      const state = this.rooms.get(room);
      const due =
        state === undefined ||
        safetyNetDue(room, state.listedAt, now, this.safetyNetMs) ||
        (change > state.covered && change >= state.listedAt - CLOCK_MARGIN_MS);
      if (due) this.pending.set(room, change);
      return due;
    });
  }

  /** Call with the time taken just before the listing was asked for: a change during it is seen next time. */
  listed(room: string, at: number): void {
    this.rooms.set(room, { listedAt: at, covered: this.pending.get(room) ?? 0 });
    this.pending.delete(room);
  }

  /** Every room is listed at the next sweep (LiveKit answers again: webhooks may have been lost meanwhile). */
  forgetAll(): void {
    this.rooms.clear();
  }

  clock(): number {
    return this.now();
  }
}
