'use server';

import { z } from 'zod';
import { database } from '@/lib/db';
import { LiveKitError } from '@/lib/livekit/errors';
import { EXTEND_CHOICES_SECONDS, type RoomTimeboxes, type TimeboxView } from '@/lib/timeboxes/shared';
import { slotSeconds } from '@/lib/timeboxes/schema';
import { extendTimebox as extendStored, roomTimeboxes, runningTimebox, timeboxView } from '@/lib/timeboxes/store';
import { defineAction } from '@/lib/actions/define-action';
import { heldParticipant, participantLock, participantState, withParticipantLock } from '@/lib/participants/service';
import { identity, participantRef, roomName } from '@/lib/actions/schemas';
import { moveOnStage, preparedPresets, readPresets } from '@/lib/participants/stage-service';

/** The room's running slots and the last one that ended; the page reads it again on every `timebox_changed`. */
export const listTimeboxes = defineAction({
  name: 'timeboxes.list',
  access: 'read',
  input: z.strictObject({ room: roomName }),
  auditSuccess: false,
  run: async ({ room }): Promise<RoomTimeboxes> => roomTimeboxes(await database(), room),
});

async function running(room: string, who: string) {
  const row = await runningTimebox(await database(), room, who);
  if (!row) throw new LiveKitError('not_found', `${who} has no speaking slot running`);
  return row;
}

const runningSlot = async ({ room, identity }: { room: string; identity: string }) => {
  const row = await runningTimebox(await database(), room, identity);
  return row ? timeboxView(row) : null;
};

export const extendTimebox = defineAction({
  name: 'timeboxes.extend',
  access: 'moderate',
  input: z.strictObject({ room: roomName, identity, seconds: slotSeconds.default(EXTEND_CHOICES_SECONDS[0]) }),
  snapshot: runningSlot,
  resultIsAfter: true,
  // under the participant's lock, like every start and end of a slot: the clock's end sees the slot it read, or none
  run: async ({ room, identity, seconds }): Promise<TimeboxView> =>
    withParticipantLock(room, identity, async () => {
      const row = await extendStored(await database(), room, identity, seconds);
      if (!row) throw new LiveKitError('not_found', `${identity} has no speaking slot running`);
      return timeboxView(row);
    }),
});

/** Ends the slot now: the speaker returns to the audience at once, and the slot is recorded as ended early by this moderator. */
export const endTimebox = defineAction({
  name: 'timeboxes.end',
  access: 'moderate',
  input: participantRef,
  snapshot: participantState,
  lock: participantLock,
  prepare: readPresets,
  resultIsAfter: true,
  run: async ({ room, identity }, context) => {
    await running(room, identity);
    return moveOnStage(room, identity, 'audience', {
      current: heldParticipant(context),
      presets: preparedPresets(context),
      ending: { reason: 'ended_early', by: context.actor.email },
    });
  },
});
