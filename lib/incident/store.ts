import 'server-only';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { PermissionView } from '@/lib/livekit/types';
import { auditEntries, incidents, type Database, type IncidentRow } from '@/lib/db';

/** What the incident did to one participant: enough for Undo to restore it and to see what changed since. */
export interface IncidentParticipantRecord {
  identity: string;
  name: string;
  /** the session the incident acted on; a rejoin is another session */
  sid: string;
  /** the whole permission before the incident */
  permissionBefore: PermissionView;
  /** the permission the incident left; null when it did not change it (muted or hand only) */
  permissionAfter: PermissionView | null;
  /** the tracks the incident muted */
  mutedTracks: { sid: string; name: string }[];
  handLowered: boolean;
}

export async function insertIncident(
  db: Database,
  incident: { room: string; auditId: number | undefined; startedBy: string },
): Promise<number> {
  const [row] = await db
    .insert(incidents)
    .values({ room: incident.room, auditId: incident.auditId ?? null, startedBy: incident.startedBy })
    .returning({ id: incidents.id });
  return row!.id;
}

/** The access mode the lock replaced, written as soon as the lock is in place. */
export async function recordAccessBefore(db: Database, id: number, accessBefore: string | null): Promise<void> {
  await db.update(incidents).set({ accessBefore }).where(eq(incidents.id, id));
}

/**
 * One participant's record, appended as soon as their parts are done: should the dashboard stop
 * halfway, Undo still knows everyone the incident reached.
 */
export async function appendIncidentParticipant(db: Database, id: number, record: IncidentParticipantRecord): Promise<void> {
  await db
    .update(incidents)
    .set({ participants: sql`${incidents.participants} || ${JSON.stringify([record])}::jsonb` })
    .where(eq(incidents.id, id));
}

export async function loadIncident(db: Database, id: number): Promise<IncidentRow | undefined> {
  const [row] = await db.select().from(incidents).where(eq(incidents.id, id));
  return row;
}

/** The room's latest incident not undone yet, for the room page's Undo. */
export async function latestOpenIncident(db: Database, room: string): Promise<IncidentRow | undefined> {
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.room, room), isNull(incidents.undoneAt)))
    .orderBy(desc(incidents.startedAt), desc(incidents.id))
    .limit(1);
  return row;
}

/**
 * An incident is still running while its own audit entry is pending: the entry completes when the run
 * returns (or throws); one cut short by a stopped dashboard is marked interrupted by the next start.
 */
export async function incidentStillRunning(db: Database, row: IncidentRow): Promise<boolean> {
  if (row.auditId === null) return false;
  const [entry] = await db.select({ outcome: auditEntries.outcome }).from(auditEntries).where(eq(auditEntries.id, row.auditId));
  return entry?.outcome === 'pending';
}

export async function markUndone(db: Database, id: number, { by, auditId }: { by: string; auditId: number | undefined }): Promise<void> {
  await db.update(incidents).set({ undoneAt: new Date(), undoneBy: by, undoAuditId: auditId ?? null }).where(eq(incidents.id, id));
}

export const incidentParticipants = (row: IncidentRow) => row.participants as IncidentParticipantRecord[];
