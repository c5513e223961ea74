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

const roomState = ({ room }: { room: string }) => livekit.getRoom(room);

export const createRoom = defineAction({
  name: 'rooms.create',
  access: 'admin',
  input: z.strictObject({
    room: roomName,
    emptyTimeout: z.number().int().min(0).max(7 * 24 * 3600).optional(),
    maxParticipants: z.number().int().min(0).max(100_000).optional(),
  }),
  snapshot: roomState,
  run: async ({ room, ...options }) => livekit.createRoom(room, options),
});

export const deleteRoom = defineAction({
  name: 'rooms.delete',
  access: 'admin',
  input: z.strictObject({ room: roomName }),
  snapshot: roomState,
  run: async ({ room }) => {
    await livekit.deleteRoom(room);
    return { room };
  },
});
