import 'server-only';
import * as livekit from '@/lib/livekit';
import { database } from '@/lib/db';
import { loadPresets } from '@/lib/presets/store';
import type { ParticipantView } from '@/lib/livekit/types';
import { endTimebox, startTimebox, type TimeboxEnding } from '@/lib/timeboxes/store';
import type { ActionDefinition } from '../actions/define-action';
import type { Actor } from '../actions/gate';
import { heldParticipant, participantLock, participantState, withParticipantLock } from './service';
import { applyPreset, stageRole, type StagePreset } from '../presets/shared';
import { participantRef } from '../actions/schemas';

export const isOnStage = (participant: ParticipantView) => {
  const role = stageRole(participant.permission);
  return role === 'speaker' || role === 'host';
};

export interface StageMove {
  /** the participant as the caller read it inside the participant's lock (its action's snapshot); read here when absent */
  current?: ParticipantView;
  /** checks the participant as read inside the lock; throws to refuse the move */
  guard?: (current: ParticipantView) => void;
  /** inside the lock, once LiveKit took the change (a promote's slot starts here) */
  afterMove?: (moved: ParticipantView) => Promise<void>;
  /** how a running slot is recorded as ended when the move leaves the participant off stage */
  ending: TimeboxEnding;
}

/**
 * The preset's stage fields laid over the permission as it is inside the participant's lock; hidden
 * is kept. A participant who ends up off stage has no slot running any more.
 */
export async function moveOnStage(room: string, who: string, preset: StagePreset, move: StageMove): Promise<ParticipantView> {
  const presets = await loadPresets(await database());
  return withParticipantLock(room, who, async () => {
    const current = move.current ?? (await livekit.getParticipant(room, who));
    move.guard?.(current);
    const moved = await livekit.updateParticipant(room, who, { permission: applyPreset(current.permission, presets[preset]) });
    await move.afterMove?.(moved);
    if (!isOnStage(moved)) await endTimebox(await database(), room, who, move.ending);
    return moved;
  });
}

/**
 * What a promote or an approved hand does about slots, inside the lock after LiveKit took the change:
 * with `slotSeconds`, a slot for this session starts now (replacing one still running); without, the
 * moderator chose no limit and a slot still running ends.
 */
export function slotAfterMove(room: string, identity: string, slotSeconds: number | undefined, actor: Actor) {
  return async (moved: ParticipantView) => {
    const db = await database();
    if (slotSeconds === undefined) {
      await endTimebox(db, room, identity, { reason: 'replaced', by: actor.email, note: 'moved on stage without a slot' });
      return;
    }
    await startTimebox(db, { room, identity, participantSid: moved.sid, seconds: slotSeconds, setBy: { id: actor.id, email: actor.email } });
  };
}

/** Demote: the audience preset. The time-box's own end runs this same definition, with a guard of its own. */
export function demoteDefinition(
  options: { guard?: StageMove['guard']; ending?: (actor: Actor) => TimeboxEnding } = {},
): ActionDefinition<typeof participantRef, ParticipantView> {
  return {
    name: 'participants.demote',
    access: 'moderate',
    undoable: true,
    input: participantRef,
    snapshot: participantState,
    lock: participantLock,
    resultIsAfter: true,
    run: async ({ room, identity }, context) =>
      moveOnStage(room, identity, 'audience', {
        current: heldParticipant(context),
        guard: options.guard,
        ending: options.ending?.(context.actor) ?? { reason: 'demoted', by: context.actor.email },
      }),
  };
}
