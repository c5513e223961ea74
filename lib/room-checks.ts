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

/** A room's last listing by a sweep, and the latest change (a join, a ban) it covered; epoch ms. */
export interface RoomListing {
  room: string;
  listedAt: number;
  covered: number;
}

/**
 * When a periodic sweep last listed each room, so that it lists a room again only when something may
 * have changed there: a join since (the webhooks' attendance rows, in the database, whichever replica
 * received them), or `safetyNetMs` without a listing (a webhook LiveKit dropped, or one that came while
 * no dashboard ran). Held per replica and shared through the database (adopt, listings): a room
 * listed by any replica's sweep of the same job is not listed again by another until it is due, so a
 * quiet room costs the same with one replica or ten. Safe to lose: a replica told LiveKit answers
 * again lists every room once. Bounded by the live rooms of the last sweep.
 */
export class RoomChecks {
  /** per room: when it was last listed, and the latest change that listing covered */
  private readonly rooms = new Map<string, { listedAt: number; covered: number }>();
  /** listings from before this (LiveKit answers again) count for nothing, whoever made them */
  private forgottenAt = Number.NEGATIVE_INFINITY;
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
    this.forgottenAt = this.now();
  }

  /**
   * The same job's listings on other replicas (lib/history/room-checks-store): a room listed there
   * since is not due here. The later listing of a room wins; one from before forgetAll() is ignored.
   */
  adopt(listings: readonly RoomListing[]): void {
    for (const { room, listedAt, covered } of listings) {
      const mine = this.rooms.get(room);
      if (listedAt <= this.forgottenAt || (mine && mine.listedAt >= listedAt)) continue;
      this.rooms.set(room, { listedAt, covered: Math.max(covered, mine?.covered ?? 0) });
    }
  }

  /** What this replica knows of `rooms`' last listings, for the other replicas. */
  listings(rooms: readonly string[]): RoomListing[] {
    return rooms.flatMap((room) => {
      const state = this.rooms.get(room);
      return state ? [{ room, ...state }] : [];
    });
  }

  clock(): number {
    return this.now();
  }
}
