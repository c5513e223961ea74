import 'server-only';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { bans, type BanRow, type Database } from './index';

export interface NewBan {
  identity: string;
  /** null: every room */
  room: string | null;
  reason: string;
  expiresAt: Date | null;
  createdBy: string | null;
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
