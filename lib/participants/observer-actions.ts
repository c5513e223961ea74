'use server';

import { z } from 'zod';
import { database } from '@/lib/db';
import { recordHandsSeen, type HandSeen } from '@/lib/hands/store';
import { getLiveRoom } from '@/lib/livekit';
import { createObserverToken } from '@/lib/livekit/tokens';
import { defineAction } from '@/lib/actions/define-action';
import { identity, roomName } from '@/lib/actions/schemas';

export const mintObserverToken = defineAction({
  name: 'observer.token',
  access: 'read',
  input: z.strictObject({ room: roomName }),
  // joining a room that has ended would start it again (LiveKit auto-creates rooms on join)
  run: async ({ room }) => {
    await getLiveRoom(room);
    return createObserverToken(room);
  },
});

const MAX_HANDS = 10_000;

/**
 * The room page reports the raised hands it sees (new ones, and ones lowered since) and gets back
 * when the dashboard first saw each go up: the queue's order, by the database's clock.
 */
export const recordHands = defineAction({
  name: 'observer.hands',
  access: 'read',
  input: z.strictObject({
    room: roomName,
    raised: z.array(z.strictObject({ identity, value: z.string().min(1).max(256) })).max(MAX_HANDS),
    lowered: z.array(identity).max(MAX_HANDS),
  }),
  run: async ({ room, raised, lowered }): Promise<HandSeen[]> => recordHandsSeen(await database(), room, raised, lowered),
});
