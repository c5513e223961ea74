import 'server-only';
import { and, eq, gt, inArray, lt, sql } from 'drizzle-orm';
import type { PresentModerator } from '@/lib/teamwork/shared';
import { moderatorPresence, type Database } from '@/lib/db';

export interface PresentTab {
  room: string;
  /** one id per open page, chosen by the page; it keeps it across its stream's reconnects */
  tab: string;
  /** one id per event stream, chosen by the server */
  stream: string;
  accountId: string;
  name: string;
}

const cutoff = (ttlMs: number) => sql`now() - make_interval(secs => ${ttlMs / 1000})`;

/** A tab's stream opened: the tab is present, now on this stream. True when the tab was not present before. */
export async function enterPresence(db: Database, tab: PresentTab): Promise<boolean> {
  const [written] = await db
    .insert(moderatorPresence)
    .values(tab)
    .onConflictDoUpdate({ target: [moderatorPresence.room, moderatorPresence.tab], set: { lastSeen: sql`now()`, name: tab.name, stream: tab.stream } })
    // xmax is 0 on a row this statement inserted, and set on one it updated
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return written?.inserted === true;
}

/** A stream ended: its tab leaves, unless a newer stream of the same tab has taken the row over. */
export async function leavePresence(db: Database, { room, tab, stream }: Pick<PresentTab, 'room' | 'tab' | 'stream'>): Promise<boolean> {
  const gone = await db
    .delete(moderatorPresence)
    .where(and(eq(moderatorPresence.room, room), eq(moderatorPresence.tab, tab), eq(moderatorPresence.stream, stream)))
    .returning({ tab: moderatorPresence.tab });
  return gone.length > 0;
}

/** One write for every stream a replica holds: they are still open. */
export async function touchPresence(db: Database, streams: readonly string[]): Promise<void> {
  if (streams.length === 0) return;
  await db.update(moderatorPresence).set({ lastSeen: sql`now()` }).where(inArray(moderatorPresence.stream, [...streams]));
}

/** Drops the tabs no replica has vouched for within `ttlMs` (a replica that died); answers their rooms. */
export async function sweepPresence(db: Database, ttlMs: number): Promise<string[]> {
  const gone = await db.delete(moderatorPresence).where(lt(moderatorPresence.lastSeen, cutoff(ttlMs))).returning({ room: moderatorPresence.room });
  return [...new Set(gone.map((row) => row.room))];
}

/** Who has the room open: tabs vouched for within `ttlMs`, one entry per account. */
export async function presentIn(db: Database, room: string, ttlMs: number): Promise<PresentModerator[]> {
  const rows = await db
    .select({ accountId: moderatorPresence.accountId, name: sql<string>`max(${moderatorPresence.name})`, tabs: sql<number>`count(*)::int` })
    .from(moderatorPresence)
    .where(and(eq(moderatorPresence.room, room), gt(moderatorPresence.lastSeen, cutoff(ttlMs))))
    .groupBy(moderatorPresence.accountId);
  return rows.map((row) => ({ ...row, tabs: Number(row.tabs) })).sort((a, b) => a.name.localeCompare(b.name));
}
