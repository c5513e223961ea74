'use server';

import { z } from 'zod';
import { env } from '@/lib/env';
import * as livekit from '@/lib/livekit';
import { defineAction } from '@/lib/actions/define-action';
import { metadataSchema, roomName } from '@/lib/actions/schemas';

const roomState = ({ room }: { room: string }) => livekit.getRoom(room);

export const createRoom = defineAction({
  name: 'rooms.create',
  access: 'admin',
  snapshot: ({ name }) => livekit.getRoom(name),
  input: z.strictObject({
    name: roomName,
    emptyTimeout: z.number().int().min(0).max(7 * 24 * 3600).optional(),
    maxParticipants: z.number().int().min(0).max(100_000).optional(),
    metadata: metadataSchema(env().maxMetadataBytes).optional(),
  }),
  run: async (settings) => livekit.createRoom(settings),
});

export const updateRoomMetadata = defineAction({
  name: 'rooms.updateMetadata',
  access: 'admin',
  snapshot: roomState,
  input: z.strictObject({ room: roomName, metadata: metadataSchema(env().maxMetadataBytes) }),
  run: async ({ room, metadata }) => livekit.updateRoomMetadata(room, metadata),
});

export const deleteRoom = defineAction({
  name: 'rooms.delete',
  access: 'admin',
  snapshot: roomState,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }) => {
    await livekit.deleteRoom(room);
    return { room };
  },
});
