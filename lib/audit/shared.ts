/** Actions per time bucket by moderator, for the Audit page's chart. */
export interface ModeratorActivity {
  /** epoch milliseconds: the first bucket's start, and the range's end */
  from: number;
  to: number;
  bucketMs: number;
  /** one entry per moderator, most actions first; `counts[i]` is bucket i's */
  moderators: Array<{ email: string; total: number; counts: number[] }>;
}
