'use server';

import { z } from 'zod';
import { ROOM_ACCESS_MODES } from '@/lib/access/shared';
import { roomAccessState, setRoomAccess } from '@/lib/access/service';
import { defineAction } from '@/lib/actions/define-action';
import { roomName } from '@/lib/actions/schemas';

/** A moderator opens, closes to knocking, or locks the room; the audit row carries the mode before and after. */
export const setRoomAccessMode = defineAction({
  name: 'access.set',
  access: 'moderate',
  input: z.strictObject({ room: roomName, mode: z.enum(ROOM_ACCESS_MODES) }),
  snapshot: ({ room }) => roomAccessState(room),
  run: ({ room, mode }, { actor }) => setRoomAccess(room, mode, actor),
});
