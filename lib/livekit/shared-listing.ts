/** How long a finished listing still answers other callers: previews, sweeps and the sampler of the same moment. */
export const LISTING_SHARED_MS = 1_000;

interface Listing<T> {
  answer: Promise<T>;
  startedAt: number;
  /** when the answer came; undefined while it is in flight */
  settledAt?: number;
}

/**
 * One ListParticipants per room at a time on this replica, and its answer for LISTING_SHARED_MS
 * after it came, to every caller that asks meanwhile (a 10,000-person room is megabytes a listing).
 * Per process and safe to lose: it is only a way of asking LiveKit less. This replica's own writes to
 * a room, and the webhooks it receives from it, forget the room's listing, so nobody is answered one
 * from before them; another replica's write can be missed for at most LISTING_SHARED_MS.
 */
export class SharedListings<T> {
  private readonly rooms = new Map<string, Listing<T>>();

  constructor(private readonly sharedMs = LISTING_SHARED_MS) {}

  /**
   * The room's listing: a fresh one, the one in flight, or (unless `inFlightOnly`: a write path that
   * must not act on an answer from before it began) one that came less than `sharedMs` ago. With
   * `since`, only a listing asked for at or after that time: a check of what a page has just seen
   * (a participant's own attribute change, which no webhook announces).
   */
  list(room: string, listNow: () => Promise<T>, { inFlightOnly = false, since }: { inFlightOnly?: boolean; since?: number } = {}): Promise<T> {
    const known = this.rooms.get(room);
    const recentEnough = known !== undefined && (since === undefined || known.startedAt >= since);
    if (known && recentEnough && (known.settledAt === undefined || (!inFlightOnly && Date.now() - known.settledAt < this.sharedMs))) return known.answer;
    const listing: Listing<T> = { answer: listNow(), startedAt: Date.now() };
    this.rooms.set(room, listing);
    listing.answer.then(
      () => {
        listing.settledAt = Date.now();
        setTimeout(() => this.forgetIf(room, listing), this.sharedMs).unref();
      },
      () => this.forgetIf(room, listing),
    );
    return listing.answer;
  }

  forget(room: string): void {
    this.rooms.delete(room);
  }

  private forgetIf(room: string, listing: Listing<T>): void {
    if (this.rooms.get(room) === listing) this.rooms.delete(room);
  }
}
