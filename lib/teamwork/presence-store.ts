import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { PresentModerator } from '@/lib/teamwork/shared';
import { moderatorPresence, type Database } from '@/lib/db';

export interface PresenceBeat {
  room: string;
  /** one id per open tab, chosen by the page */
  tab: string;
  accountId: string;
  name: string;
}

/**
 * A tab's heartbeat: keeps its row alive and drops tabs not heard from within `ttlMs` (closed without
 * saying so). Answers who has the room open now, and whether that set changed (a new tab, a dropped
 * one), which the caller pushes to the other pages.
 */
export async function beatPresence(db: Database, beat: PresenceBeat, ttlMs: number): Promise<{ present: PresentModerator[]; changed: boolean }> {
  const stale = await db
    .delete(moderatorPresence)
    .where(and(eq(moderatorPresence.room, beat.room), lt(moderatorPresence.lastSeen, sql`now() - make_interval(secs => ${ttlMs / 1000})`)))
    .returning({ tab: moderatorPresence.tab });
  const [written] = await db
    .insert(moderatorPresence)
    .values(beat)
    .onConflictDoUpdate({ target: [moderatorPresence.room, moderatorPresence.tab], set: { lastSeen: sql`now()`, name: beat.name } })
    // xmax is 0 on a row this statement inserted, and set on one it updated
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  return { present: await presentIn(db, beat.room), changed: stale.length > 0 || written?.inserted === true };
}

/** A tab that closes says so; false when it had already gone. */
export async function leavePresence(db: Database, room: string, tab: string, accountId: string): Promise<boolean> {
  const gone = await db
    .delete(moderatorPresence)
    .where(and(eq(moderatorPresence.room, room), eq(moderatorPresence.tab, tab), eq(moderatorPresence.accountId, accountId)))
    .returning({ tab: moderatorPresence.tab });
  return gone.length > 0;
}

export async function presentIn(db: Database, room: string): Promise<PresentModerator[]> {
  const rows = await db
    .select({ accountId: moderatorPresence.accountId, name: sql<string>`max(${moderatorPresence.name})`, tabs: sql<number>`count(*)::int` })
    .from(moderatorPresence)
    .where(eq(moderatorPresence.room, room))
    .groupBy(moderatorPresence.accountId);
  return rows.map((row) => ({ ...row, tabs: Number(row.tabs) })).sort((a, b) => a.name.localeCompare(b.name));
}
