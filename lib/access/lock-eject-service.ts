import 'server-only';
import { stageRole } from '@/lib/presets/shared';
import { ejectAudited, type EjectOutcome } from '@/lib/bans/service';
import { isReservedIdentity } from '@/lib/livekit/tokens';
import type { ParticipantKindName, ParticipantView } from '@/lib/livekit/types';
import { isAdmitted, roomAccess } from '@/lib/access/service';

/** Services the operator started (recorders, streams in, agents) are not "someone new" a lock keeps out. */
const SERVICE_KINDS: ReadonlySet<ParticipantKindName> = new Set(['egress', 'ingress', 'agent']);

/**
 * Whom a locked room's lock does not apply to: Stagekeeper's own observers, hidden participants,
 * services, and hosts (a host token comes from the event's own backend; the token endpoint issues none).
 */
export function exemptFromLock(identity: string, participant: ParticipantView | undefined): boolean {
  if (isReservedIdentity(identity)) return true;
  if (!participant) return false;
  return SERVICE_KINDS.has(participant.kind) || stageRole(participant.permission) === 'hidden' || stageRole(participant.permission) === 'host';
}

/**
 * Called for every participant_joined webhook: in a locked room, an identity that was not in the
 * room when it was locked (nor admitted from the lobby before) came in with a token from before the
 * lock, and is removed. The locked-room sweep (lib/access/job) asks the same for everyone it finds. True when it was.
 */
export async function ejectIfLockedOut(
  room: string,
  identity: string,
  participant?: ParticipantView,
  cause: 'webhook' | 'sweep' = 'webhook',
): Promise<boolean> {
  if (exemptFromLock(identity, participant)) return false;
  if ((await roomAccess(room)) !== 'locked' || (await isAdmitted(room, identity))) return false;
  return (await ejectLockedOut(room, identity, cause)) === 'removed';
}

/**
 * Removes the identity from the locked room (with revokeTokenTs), audited as the system's
 * access.lockedEject with a pending row first, like a ban's eject; a failure waits in
 * pending_ejections (no ban) and the bans' retry loop tries it again while the room stays locked.
 */
export async function ejectLockedOut(room: string, identity: string, cause: 'webhook' | 'sweep' | 'retry'): Promise<EjectOutcome> {
  return ejectAudited(
    {
      at: new Date(),
      action: 'access.lockedEject',
      access: 'moderate',
      actor: null,
      target: { room, identity },
      input: { cause, reason: `${room} is locked: ${identity} was not in it when it was locked` },
    },
    { room, identity, banId: null },
  );
}

/** For the retry loop: a pending eject with no ban behind it is tried again while the room is locked to them. True when it was. */
export async function retryLockedEjection(room: string, identity: string): Promise<boolean> {
  if ((await roomAccess(room)) !== 'locked' || (await isAdmitted(room, identity))) return false;
  await ejectLockedOut(room, identity, 'retry');
  return true;
}
