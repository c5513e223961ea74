'use server';

import { z } from 'zod';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { HAND_ATTRIBUTE, handRaisedAt, MAX_NOTICE_LENGTH, NOTICE_TOPIC } from '@/lib/hands/shared';
import { defineAction } from '@/lib/actions/define-action';
import { database } from '@/lib/db';
import { recordHandsSeen, type HandSeen } from '@/lib/hands/store';
import { confirmHandReport } from '@/lib/hands/service';
import { loadPresets } from '@/lib/presets/store';
import { lockedParticipant, participantLock, participantState, withParticipantLock } from '@/lib/participants/service';
import { applyPreset } from '@/lib/presets/shared';
import { changeStage } from '@/lib/participants/stage-service';
import { slotSeconds } from '@/lib/timeboxes/schema';
import { identity, participantRef, roomName } from '@/lib/actions/schemas';
import type { ParticipantView } from '@/lib/livekit/types';

async function withRaisedHand(room: string, who: string) {
  return raisedHandOf(await livekit.getParticipant(room, who));
}

function raisedHandOf(participant: ParticipantView): ParticipantView {
  if (handRaisedAt(participant.attributes) === null) {
    throw new LiveKitError('failed_precondition', `${participant.name || participant.identity} has no raised hand`);
  }
  return participant;
}

/**
 * The speaker preset laid over the permission read inside the participant's lock, and the hand
 * lowered; with `slotSeconds`, the speaker's time-box starts.
 */
export const approveHand = defineAction({
  name: 'hands.approve',
  access: 'moderate',
  input: participantRef.extend({ slotSeconds: slotSeconds.optional() }),
  run: async ({ room, identity, slotSeconds }, { actor }) => {
    const presets = await loadPresets(await database());
    return withParticipantLock(room, identity, async () => {
      const participant = await withRaisedHand(room, identity);
      return changeStage(
        room,
        participant,
        { permission: applyPreset(participant.permission, presets.speaker), attributes: { [HAND_ATTRIBUTE]: '' } },
        { slot: { seconds: slotSeconds, setBy: actor }, ending: { reason: 'demoted', by: actor.email } },
      );
    });
  },
});

export const dismissHand = defineAction({
  name: 'hands.dismiss',
  access: 'moderate',
  input: participantRef,
  // the hand before, which undo raises again
  snapshot: participantState,
  lock: participantLock,
  resultIsAfter: true,
  run: async ({ room, identity }, context) => {
    raisedHandOf(await lockedParticipant(context, room, identity));
    return livekit.updateParticipant(room, identity, { attributes: { [HAND_ATTRIBUTE]: '' } });
  },
});

export const sendNotice = defineAction({
  name: 'notices.send',
  access: 'moderate',
  input: z.strictObject({
    room: roomName,
    identity: identity.optional(),
    text: z
      .string({ error: 'text must be a string' })
      .trim()
      .min(1, 'the notice is empty')
      .max(MAX_NOTICE_LENGTH, `a notice is at most ${MAX_NOTICE_LENGTH} characters`),
  }),
  run: async ({ room, identity, text }) => {
    // LiveKit accepts data for an identity that is not in the room and drops it silently
    if (identity) await livekit.getParticipant(room, identity);
    else await livekit.getRoom(room);
    const sentAt = new Date().toISOString();
    const payload = new TextEncoder().encode(JSON.stringify({ text, sentAt }));
    await livekit.sendData(room, payload, NOTICE_TOPIC, identity ? [identity] : undefined);
    return { room, identity: identity ?? null, text, sentAt };
  },
});

/** Items per report: a room page reports its changes since the last one. */
const MAX_HAND_REPORT = 1000;
// loose items: one bad or over-long hand is dropped by confirmHandReport, not the whole report
const handItems = z.array(z.object({ identity: z.string(), value: z.string() })).max(MAX_HAND_REPORT);

/**
 * A moderator's room page reports the raised hands it sees (new ones, and ones lowered since, with the
 * value it last saw) and gets back when the dashboard first saw each go up: the queue's order, by the
 * database's clock. Only what LiveKit's listing confirms is recorded.
 */
export const recordHands = defineAction({
  name: 'observer.hands',
  access: 'moderate',
  input: z.strictObject({ room: roomName, raised: handItems, lowered: handItems }),
  run: async ({ room, raised, lowered }, { calledAt }): Promise<HandSeen[]> => {
    const confirmed = await confirmHandReport(room, { raised, lowered }, calledAt);
    return recordHandsSeen(await database(), room, confirmed.raised, confirmed.lowered);
  },
});
