import 'server-only';
import { and, asc, desc, eq, gt, isNull, lte, or, sql } from 'drizzle-orm';
import { bans, pendingEjections, type BanRow, type Database } from '@/lib/db';

export type PendingEjectionRow = typeof pendingEjections.$inferSelect;

export interface NewBan {
  identity: string;
  /** null: every room */
  room: string | null;
  reason: string;
  expiresAt: Date | null;
  createdBy: string | null;
  /** the kick's audit entry when the ban is made with a kick */
  kickAuditId?: number | null;
}

export async function insertBan(db: Database, ban: NewBan): Promise<BanRow> {
  const [row] = await db.insert(bans).values(ban).returning();
  return row!;
}

const active = (now: Date) => and(isNull(bans.liftedAt), or(isNull(bans.expiresAt), gt(bans.expiresAt, now)));

/** The ban that keeps `identity` out of `room` right now, if any. */
export async function activeBanFor(db: Database, identity: string, room: string, now = new Date()): Promise<BanRow | undefined> {
  const [row] = await db
    .select()
    .from(bans)
    .where(and(eq(bans.identity, identity), or(isNull(bans.room), eq(bans.room, room)), active(now)))
    .orderBy(desc(bans.createdAt))
    .limit(1);
  return row;
}

export async function activeBans(db: Database, now = new Date()): Promise<BanRow[]> {
  return db.select().from(bans).where(active(now)).orderBy(desc(bans.createdAt));
}

/** Lifts an active ban; undefined when there is no such active ban. */
export async function liftBanRow(db: Database, id: number, liftedBy: string | null, now = new Date()): Promise<BanRow | undefined> {
  const [row] = await db
    .update(bans)
    .set({ liftedAt: now, liftedBy })
    .where(and(eq(bans.id, id), active(now)))
    .returning();
  return row;
}

export function describeBan(ban: Pick<BanRow, 'identity' | 'room' | 'reason' | 'expiresAt'>): string {
  const where = ban.room ? `from ${ban.room}` : 'from every room';
  const until = ban.expiresAt ? ` until ${ban.expiresAt.toISOString()}` : '';
  return `${ban.identity} is banned ${where}${until}${ban.reason ? `: ${ban.reason}` : ''}`;
}

/** Waits before the next try of a failed eject: 1 s, 2 s, 4 s … at most 60 s. */
export function ejectRetryDelayMs(attempts: number): number {
  return Math.min(1_000 * 2 ** Math.max(0, attempts - 1), 60_000);
}

export interface FailedEjection {
  room: string;
  identity: string;
  /** null: not a ban's eject (a join into a locked room) */
  banId: number | null;
  error: string;
}

/** Records a failed eject (one more attempt) and when to try again; answers the row as stored. */
export async function recordFailedEjection(db: Database, failed: FailedEjection, now = new Date()): Promise<PendingEjectionRow> {
  const [existing] = await db
    .select({ attempts: pendingEjections.attempts })
    .from(pendingEjections)
    .where(and(eq(pendingEjections.room, failed.room), eq(pendingEjections.identity, failed.identity)));
  const attempts = (existing?.attempts ?? 0) + 1;
  const values = {
    banId: failed.banId,
    attempts,
    lastError: failed.error,
    nextAttemptAt: new Date(now.getTime() + ejectRetryDelayMs(attempts)),
  };
  const [row] = await db
    .insert(pendingEjections)
    .values({ room: failed.room, identity: failed.identity, ...values })
    .onConflictDoUpdate({
      target: [pendingEjections.room, pendingEjections.identity],
      set: { ...values, attempts: sql`${pendingEjections.attempts} + 1` },
    })
    .returning();
  return row!;
}

export async function dropPendingEjection(db: Database, room: string, identity: string): Promise<void> {
  await db.delete(pendingEjections).where(and(eq(pendingEjections.room, room), eq(pendingEjections.identity, identity)));
}

export async function dropEjectionsOfBan(db: Database, banId: number): Promise<void> {
  await db.delete(pendingEjections).where(eq(pendingEjections.banId, banId));
}

/** Pending ejections whose next try is due, the longest-waiting first. */
export async function dueEjections(db: Database, now: Date, limit = 100): Promise<PendingEjectionRow[]> {
  return db
    .select()
    .from(pendingEjections)
    .where(lte(pendingEjections.nextAttemptAt, now))
    .orderBy(asc(pendingEjections.nextAttemptAt))
    .limit(limit);
}

export async function allPendingEjections(db: Database): Promise<PendingEjectionRow[]> {
  return db.select().from(pendingEjections).orderBy(asc(pendingEjections.createdAt));
}

/** After LiveKit answers again, every pending eject is tried at once instead of after its backoff. */
export async function makePendingEjectionsDue(db: Database, now = new Date()): Promise<void> {
  await db.update(pendingEjections).set({ nextAttemptAt: now }).where(gt(pendingEjections.nextAttemptAt, now));
}
