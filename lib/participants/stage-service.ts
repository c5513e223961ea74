import 'server-only';
import * as livekit from '@/lib/livekit';
import { database } from '@/lib/db';
import { loadPresets } from '@/lib/presets/store';
import type { ParticipantView, PermissionView } from '@/lib/livekit/types';
import { endTimebox, startTimebox, type TimeboxEnding } from '@/lib/timeboxes/store';
import type { ActionContext, ActionDefinition } from '@/lib/actions/define-action';
import type { Actor } from '@/lib/actions/gate';
import { heldParticipant, participantLock, participantState, withParticipantLock } from './service';
import { applyPreset, stageRole, type StagePreset } from '@/lib/presets/shared';
import { participantRef } from '@/lib/actions/schemas';

export const isOnStage = (participant: { permission: PermissionView }) => {
  const role = stageRole(participant.permission);
  return role === 'speaker' || role === 'host';
};

/** A promote's (or an approved hand's) choice of slot: `seconds` starts one for this session; none means no limit. */
export interface SlotChoice {
  seconds: number | undefined;
  setBy: Actor;
}

export interface StageChange {
  /** how a running slot is recorded as ended when the change leaves the participant off stage */
  ending: TimeboxEnding;
  /** a promote's or an approved hand's choice; any other move onto the stage leaves no slot running */
  slot?: SlotChoice;
  /** only this slot ends (the clock's own end acts on the slot it read, no other) */
  slotId?: number;
}

/**
 * The one write of a participant's stage permission, called inside the participant's lock with the
 * participant as read there: LiveKit takes the change, then the slot follows it. Off stage, a running
 * slot ends; onto the stage, a slot starts when one was chosen, and none stays running otherwise (so
 * an old slot's end never demotes someone put on stage for good); a move that keeps the participant
 * on stage (speaker to co-host, a save of other fields) keeps the slot.
 */
export async function changeStage(
  room: string,
  current: ParticipantView,
  update: { permission: PermissionView; attributes?: Record<string, string> },
  change: StageChange,
): Promise<ParticipantView> {
  const moved = await livekit.updateParticipant(room, current.identity, update);
  const db = await database();
  if (!isOnStage(moved)) {
    await endTimebox(db, room, moved.identity, change.ending, change.slotId);
  } else if (change.slot?.seconds !== undefined) {
    const { id, email } = change.slot.setBy;
    await startTimebox(db, { room, identity: moved.identity, participantSid: moved.sid, seconds: change.slot.seconds, setBy: { id, email } });
  } else if (change.slot || !isOnStage(current)) {
    await endTimebox(db, room, moved.identity, { reason: 'replaced', by: change.slot?.setBy.email ?? change.ending.by, note: 'moved on stage without a slot' });
  }
  return moved;
}

export type Presets = Awaited<ReturnType<typeof loadPresets>>;

/** A stage action's `prepare`: the presets, read alongside the participant instead of after it. */
export const readPresets = async (): Promise<Presets> => loadPresets(await database());

/** What `readPresets` read for this call, if it could. */
export const preparedPresets = (context: ActionContext): Presets | undefined =>
  typeof context.prepared === 'object' && context.prepared !== null ? (context.prepared as Presets) : undefined;

export interface StageMove extends StageChange {
  /** the participant as the caller read it inside the participant's lock (its action's snapshot); read here when absent */
  current?: ParticipantView;
  /** checks the participant as read inside the lock; throws to refuse the move */
  guard?: (current: ParticipantView) => void | Promise<void>;
  /** as the action's `prepare` read them; read here when absent */
  presets?: Presets;
}

/** The preset's stage fields laid over the permission as it is inside the participant's lock; hidden is kept. */
export async function moveOnStage(room: string, who: string, preset: StagePreset, move: StageMove): Promise<ParticipantView> {
  const presets = move.presets ?? (await readPresets());
  return withParticipantLock(room, who, async () => {
    const current = move.current ?? (await livekit.getParticipant(room, who));
    await move.guard?.(current);
    return changeStage(room, current, { permission: applyPreset(current.permission, presets[preset]) }, move);
  });
}

/** Demote: the audience preset. The time-box's own end runs this same definition, with a guard of its own. */
export function demoteDefinition(
  options: { guard?: StageMove['guard']; ending?: (actor: Actor) => TimeboxEnding; slotId?: number } = {},
): ActionDefinition<typeof participantRef, ParticipantView> {
  return {
    name: 'participants.demote',
    access: 'moderate',
    undoable: true,
    input: participantRef,
    snapshot: participantState,
    lock: participantLock,
    prepare: readPresets,
    resultIsAfter: true,
    run: async ({ room, identity }, context) =>
      moveOnStage(room, identity, 'audience', {
        current: heldParticipant(context),
        presets: preparedPresets(context),
        guard: options.guard,
        ending: options.ending?.(context.actor) ?? { reason: 'demoted', by: context.actor.email },
        ...(options.slotId !== undefined && { slotId: options.slotId }),
      }),
  };
}
