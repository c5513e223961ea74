import 'server-only';
import type { AuditEntry } from '@/lib/actions/gate';
import type { Database } from '@/lib/db';
import { releaseClaimsActedOn } from '@/lib/db/claims';
import { publishRoomSignal } from '@/lib/events/room-events';

/**
 * A claim is released when its moderator acts on that participant: called for every completed
 * change in the audit log (the one place every action passes). Never throws: a claim left behind
 * expires by itself.
 */
export async function releaseClaimsAfterChange(db: Database, entry: AuditEntry): Promise<void> {
  const { room, identity } = entry.target;
  if (!entry.outcome.ok || !entry.actor || !room || !identity || entry.access === 'read' || entry.action.startsWith('claims.')) return;
  try {
    if ((await releaseClaimsActedOn(db, room, identity, entry.actor.id)) > 0) await publishRoomSignal('claims_changed', room);
  } catch (error) {
    console.error(`[claims] could not release claims on ${identity} after ${entry.action}`, error);
  }
}
