'use server';

import { z } from 'zod';
import { getLiveRoom } from '@/lib/livekit';
import { createObserverToken } from '@/lib/livekit/tokens';
import { defineAction } from '@/lib/actions/define-action';
import { roomName } from '@/lib/actions/schemas';

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
