import 'server-only';
import { actionGate, AuditUnavailable, type Actor, type AuditEntry } from '@/lib/actions/gate';
import { sessionActionGate } from '@/lib/auth/action-gate';
import { mapWithConcurrency } from '@/lib/concurrency';
import { database, type BanRow } from '@/lib/db';
import { activeBanFor, describeBan, dropPendingEjection, recordFailedEjection } from '@/lib/bans/store';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { withParticipantLock } from '@/lib/participants/service';

/** Why `identity` may not join `room` now, or null when nothing stands in the way. */
export async function banReason(room: string, identity: string): Promise<string | null> {
  const ban = await activeBanFor(await database(), identity, room);
  return ban ? describeBan(ban) : null;
}

/** What set an eject off: a moderator's ban, LiveKit's join webhook, the periodic sweep, or a retry. */
export type EjectCause = 'ban' | 'webhook' | 'sweep' | 'retry';
/** removed: LiveKit removed them; gone: they had already left; pending: it failed and will be retried */
export type EjectOutcome = 'removed' | 'gone' | 'pending';

/**
 * The one way a banned identity leaves a room: RemoveParticipant with revokeTokenTs, and one audit
 * row for every try (the moderator's for a ban's own ejects, the system's otherwise). A failure
 * becomes a pending ejection, tried again with backoff; a success, or finding them gone, drops it.
 */
export async function ejectBanned(
  room: string,
  identity: string,
  ban: BanRow,
  { cause, actor = null }: { cause: EjectCause; actor?: Actor | null },
): Promise<EjectOutcome> {
  return ejectAudited(
    {
      at: new Date(),
      action: actor ? 'bans.eject' : 'bans.autoEject',
      access: 'moderate',
      actor,
      target: { room, identity },
      input: { banId: ban.id, cause, reason: describeBan(ban) },
    },
    { room, identity, banId: ban.id },
  );
}

/**
 * Removes the identity from the room (RemoveParticipant with revokeTokenTs) under `entry`'s audit
 * row, written as pending first. A failure becomes a pending ejection (with the ban behind it, or
 * none: a locked room's), tried again with backoff; a success, or finding them gone, drops it.
 * Under the participant's lock, and only if they are still there: the join's webhook, the sweep and
 * another replica may all come for the same participant at once, and only one of them removes them.
 */
export function ejectAudited(
  entry: Omit<AuditEntry, 'outcome' | 'durationMs'>,
  target: { room: string; identity: string; banId: number | null },
): Promise<EjectOutcome> {
  const { room, identity } = target;
  return withParticipantLock(room, identity, async () => {
    if (await livekit.findParticipant(room, identity).then((found) => found === undefined, () => false)) {
      await dropPendingEjection(await database(), room, identity);
      return 'gone';
    }
    return removeAudited(entry, target);
  });
}

async function removeAudited(
  entry: Omit<AuditEntry, 'outcome' | 'durationMs'>,
  { room, identity, banId }: { room: string; identity: string; banId: number | null },
): Promise<EjectOutcome> {
  let result = 'removed' as EjectOutcome;
  const outcome = await audited(entry, async () => {
    try {
      await livekit.removeParticipant(room, identity, { revokeTokens: true });
      return { ok: true };
    } catch (error) {
      const failure = error instanceof LiveKitError ? error : new LiveKitError('internal', (error as Error).message);
      result = failure.code === 'not_found' ? 'gone' : 'pending';
      return { ok: false, error: { code: failure.code, message: failure.message } };
    }
  });
  const db = await database();
  if (result === 'pending' && !outcome.ok) {
    await recordFailedEjection(db, { room, identity, banId, error: outcome.error.message });
  } else {
    await dropPendingEjection(db, room, identity);
  }
  return result;
}

/**
 * A change made outside defineAction, audited through the actions' recording seam: one entry with
 * the outcome `change` answers. (Where the gate writes a pending entry first, this is where it goes.)
 */
export async function audited(
  entry: Omit<AuditEntry, 'outcome' | 'durationMs'>,
  change: () => Promise<AuditEntry['outcome']>,
): Promise<AuditEntry['outcome']> {
  const gate = actionGate(sessionActionGate);
  const started = performance.now();
  // written as pending before the eject reaches LiveKit: no change without a row
  const id = await gate.begin(entry).catch((error: unknown) => {
    throw new AuditUnavailable(`could not write the pending audit entry of ${entry.action}`, { cause: error });
  });
  const outcome = await change();
  await gate
    .complete(id, { ...entry, outcome, durationMs: Math.round(performance.now() - started) })
    .catch((error: unknown) => console.error(`[audit] could not complete ${entry.action}`, error));
  return outcome;
}

/**
 * Called for every participant_joined webhook: a banned identity that rejoined with a token that is
 * still valid is removed at once, whether or not a dashboard is open.
 */
export async function ejectIfBanned(room: string, identity: string): Promise<boolean> {
  const ban = await activeBanFor(await database(), identity, room);
  if (!ban) return false;
  return (await ejectBanned(room, identity, ban, { cause: 'webhook' })) === 'removed';
}

export interface BanEjections {
  ejectedFrom: string[];
  pendingIn: string[];
}

const PRESENCE_CONCURRENCY = 16;

/**
 * A new ban's ejects: from its room, or for an every-room ban from every room the identity is in now
 * (ListRooms, then GetParticipant per room). When LiveKit cannot even be asked, the room the moderator
 * banned from is tried (and waits as pending); the sweep after LiveKit answers again finds the rest.
 */
export async function ejectNewBan(ban: BanRow, actor: Actor, bannedIn: string): Promise<BanEjections> {
  let rooms = [ban.room ?? bannedIn];
  if (ban.room === null) {
    rooms = await livekit.listRooms().then(
      (listed) => listed.map((room) => room.name),
      () => rooms,
    );
  }
  // each eject asks first whether they are in that room (ejectAudited): 'gone' where they are not
  const outcomes = await mapWithConcurrency(rooms, PRESENCE_CONCURRENCY, (room) => ejectBanned(room, ban.identity, ban, { cause: 'ban', actor }));
  return {
    ejectedFrom: rooms.filter((_, index) => outcomes[index] === 'removed'),
    pendingIn: rooms.filter((_, index) => outcomes[index] === 'pending'),
  };
}
