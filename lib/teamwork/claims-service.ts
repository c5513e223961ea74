import 'server-only';
import type { AuditEntry } from '@/lib/actions/gate';
import type { Database } from '@/lib/db';
import { releaseClaimsActedOn } from '@/lib/teamwork/claims-store';
import { publishRoomSignal } from '@/lib/events/room-events-store';

/**
 * A claim is released when its moderator acts on that participant: called for the completed changes
 * in the audit log (the one place every action passes), a batch at a time. Never throws: a claim left
 * behind expires by itself.
 */
export async function releaseClaimsAfterChanges(db: Database, entries: readonly AuditEntry[]): Promise<void> {
  const actedOn = entries.flatMap(({ target: { room, identity }, outcome, actor, access, action }) =>
    outcome.ok && actor && room && identity && access !== 'read' && !action.startsWith('claims.') ? [{ room, identity, claimerId: actor.id }] : [],
  );
  try {
    for (const room of await releaseClaimsActedOn(db, actedOn)) await publishRoomSignal('claims_changed', room);
  } catch (error) {
    console.error(`[claims] could not release the claims of ${actedOn.length} changes`, error);
  }
}
