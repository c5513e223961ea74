/**
 * Where a history page ended: the last item's time (epoch microseconds, as the database holds it),
 * its source's rank and its row id. Items are ordered by all three, newest first, so the next page
 * starts right after it whatever is written meanwhile.
 */
export interface HistoryCursor {
  micros: bigint;
  rank: number;
  id: number;
}

export function encodeCursor({ micros, rank, id }: HistoryCursor): string {
  return `${micros}.${rank}.${id}`;
}

/** The cursor a page answered with, or null when the text is not one. */
export function decodeCursor(text: string): HistoryCursor | null {
  const match = /^(\d{1,20})\.(\d)\.(\d{1,18})$/.exec(text);
  if (!match) return null;
  const id = Number(match[3]);
  return Number.isSafeInteger(id) ? { micros: BigInt(match[1]!), rank: Number(match[2]), id } : null;
}

/** Newest first: by time, then rank, then id, each descending. */
export function compareNewestFirst(a: HistoryCursor, b: HistoryCursor): number {
  if (a.micros !== b.micros) return a.micros > b.micros ? -1 : 1;
  if (a.rank !== b.rank) return b.rank - a.rank;
  return b.id - a.id;
}
