import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import type { RoomAccessMode } from '@/lib/access/shared';
import { roomAccess, roomAdmissions, type Database } from '@/lib/db';

export type AccessRow = typeof roomAccess.$inferSelect;
export type AdmissionSource = (typeof roomAdmissions.$inferSelect)['source'];

export async function readAccessRow(db: Database, room: string): Promise<AccessRow | undefined> {
  const [row] = await db.select().from(roomAccess).where(eq(roomAccess.room, room));
  return row;
}

/** Every room whose access is locked now, whether or not it is live. */
export async function lockedRoomNames(db: Database): Promise<string[]> {
  const rows = await db.select({ room: roomAccess.room }).from(roomAccess).where(eq(roomAccess.mode, 'locked'));
  return rows.map((row) => row.room);
}

export async function writeAccessRow(db: Database, room: string, mode: RoomAccessMode, changedBy: string | null): Promise<AccessRow> {
  const values = { mode, changedBy, changedAt: new Date() };
  const [row] = await db
    .insert(roomAccess)
    .values({ room, ...values })
    .onConflictDoUpdate({ target: roomAccess.room, set: values })
    .returning();
  return row!;
}

const CHUNK = 1000;

/** Lets these identities pass the room's knock or lock; an identity already admitted keeps its first admission. */
export async function admitIdentities(
  db: Database,
  room: string,
  identities: readonly string[],
  source: AdmissionSource,
  admittedBy: string | null,
): Promise<void> {
  for (let start = 0; start < identities.length; start += CHUNK) {
    const chunk = identities.slice(start, start + CHUNK);
    await db
      .insert(roomAdmissions)
      .values(chunk.map((identity) => ({ room, identity, source, admittedBy })))
      .onConflictDoNothing();
  }
}

export async function isAdmittedIdentity(db: Database, room: string, identity: string): Promise<boolean> {
  const [row] = await db
    .select({ identity: roomAdmissions.identity })
    .from(roomAdmissions)
    .where(and(eq(roomAdmissions.room, room), eq(roomAdmissions.identity, identity)));
  return row !== undefined;
}

export async function admittedAmong(db: Database, room: string, identities: readonly string[]): Promise<Set<string>> {
  if (identities.length === 0) return new Set();
  const rows = await db
    .select({ identity: roomAdmissions.identity })
    .from(roomAdmissions)
    .where(and(eq(roomAdmissions.room, room), inArray(roomAdmissions.identity, [...identities])));
  return new Set(rows.map((row) => row.identity));
}

export async function clearAdmissions(db: Database, room: string): Promise<void> {
  await db.delete(roomAdmissions).where(eq(roomAdmissions.room, room));
}
