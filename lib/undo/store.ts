import 'server-only';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { auditEntries, bans, type AuditRow, type BanRow, type Database } from '@/lib/db';

export async function auditEntryById(db: Database, id: number): Promise<AuditRow | undefined> {
  const [row] = await db.select().from(auditEntries).where(eq(auditEntries.id, id));
  return row;
}

/** The entries of a bulk request's items, in the order they were written. */
export async function childEntries(db: Database, parentId: number): Promise<AuditRow[]> {
  return db.select().from(auditEntries).where(eq(auditEntries.parentId, parentId)).orderBy(asc(auditEntries.id));
}

/**
 * Marks entry `id` as undone by the undo `undoId`, unless another undo holds it: one UPDATE, so two
 * moderators (or two replicas) undoing the same entry at once cannot both win.
 */
export async function claimUndo(db: Database, id: number, undoId: number): Promise<boolean> {
  const claimed = await db
    .update(auditEntries)
    .set({ undoneById: undoId })
    .where(and(eq(auditEntries.id, id), isNull(auditEntries.undoneById)))
    .returning({ id: auditEntries.id });
  return claimed.length === 1;
}

/** An undo that changed nothing gives its claim back, so the entry can be undone later. */
export async function releaseUndo(db: Database, id: number, undoId: number): Promise<void> {
  await db
    .update(auditEntries)
    .set({ undoneById: null })
    .where(and(eq(auditEntries.id, id), eq(auditEntries.undoneById, undoId)));
}

/** An undo's input names only the entry: its own row takes the original's target once it is read. */
export async function setEntryTarget(
  db: Database,
  id: number,
  target: Pick<AuditRow, 'room' | 'targetIdentity' | 'targetTrack'>,
): Promise<void> {
  await db.update(auditEntries).set(target).where(eq(auditEntries.id, id));
}

/** The active bans made with the kick `kickAuditId` (banParticipant's kickEntryId); no other ban on that identity. */
export async function bansOfKick(db: Database, kickAuditId: number, now = new Date()): Promise<BanRow[]> {
  const rows = await db
    .select()
    .from(bans)
    .where(and(eq(bans.kickAuditId, kickAuditId), isNull(bans.liftedAt)))
    .orderBy(asc(bans.id));
  return rows.filter((ban) => ban.expiresAt === null || ban.expiresAt > now);
}

export async function banById(db: Database, id: number): Promise<BanRow | undefined> {
  const [row] = await db.select().from(bans).where(eq(bans.id, id));
  return row;
}
