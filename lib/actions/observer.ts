'use server';

import { z } from 'zod';
import { getRoom } from '@/lib/livekit';
import { createObserverToken } from '@/lib/livekit/tokens';
import { defineAction } from './define-action';
import { roomName } from './schemas';

export const mintObserverToken = defineAction({
  name: 'observer.token',
  access: 'read',
  input: z.strictObject({ room: roomName }),
  // joining a room that has ended would start it again (LiveKit auto-creates rooms on join)
  run: async ({ room }) => {
    await getRoom(room);
    return createObserverToken(room);
  },
});
