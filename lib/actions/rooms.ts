'use server';

import { z } from 'zod';
import * as livekit from '@/lib/livekit';
import { defineAction } from './define-action';
import { roomName } from './schemas';

export const listRooms = defineAction({
  name: 'rooms.list',
  access: 'read',
  input: z.strictObject({ names: z.array(roomName).max(100).optional() }).optional(),
  run: async (input) => livekit.listRooms(input?.names),
});

export const getRoom = defineAction({
  name: 'rooms.get',
  access: 'read',
  input: z.strictObject({ room: roomName }),
  run: async ({ room }) => livekit.getRoom(room),
});
