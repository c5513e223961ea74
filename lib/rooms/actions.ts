'use server';

import { z } from 'zod';
import * as livekit from '@/lib/livekit';
import { defineAction } from '@/lib/actions/define-action';
import { roomName } from '@/lib/actions/schemas';

// The rooms page re-lists on every pushed room event and on its safety poll, and the room page
// re-reads its room on focus: what a timer or a push did, not a person. Refusals and failures are audited.
export const listRooms = defineAction({
  name: 'rooms.list',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ names: z.array(roomName).max(100).optional() }).optional(),
  run: async (input) => livekit.listRooms(input?.names),
});

export const getRoom = defineAction({
  name: 'rooms.get',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }) => livekit.getRoom(room),
});
