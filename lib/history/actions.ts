'use server';

import { z } from 'zod';
import { ACTIVITY_WINDOW_MS, type ActivitySample } from '@/lib/activity/shared';
import { roleAllows } from '@/lib/auth/roles';
import { database } from '@/lib/db';
import { samplesSince } from '@/lib/activity/store';
import { participantHistory } from '@/lib/history/store';
import { decodeCursor } from '@/lib/history/cursor-shared';
import type { HistoryPage } from '@/lib/history/items-shared';
import { ActionRefusal, defineAction } from '@/lib/actions/define-action';
import { identity, roomName } from '@/lib/actions/schemas';

const MAX_HISTORY_PAGE = 100;

/**
 * A participant's history in a room, newest first, one page at a time (`before`: the previous page's
 * `next`). A read, but of the audit log: moderators and admins only, as on the Audit page.
 */
export const readParticipantHistory = defineAction({
  name: 'history.participant',
  access: 'read',
  input: z.strictObject({
    room: roomName,
    identity,
    before: z
      .string({ error: 'before must be a cursor a previous page answered with' })
      .max(64)
      .refine((text) => decodeCursor(text) !== null, 'before must be a cursor a previous page answered with')
      .optional(),
    limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).default(25),
  }),
  run: async ({ room, identity, before, limit }, { actor }): Promise<HistoryPage> => {
    if (!roleAllows(actor.role, 'moderate')) {
      throw new ActionRefusal({ code: 'forbidden', message: `A participant's history needs the moderator role; ${actor.email} is a ${actor.role}` });
    }
    return participantHistory(await database(), { room, identity, before: before ? decodeCursor(before) : null, limit });
  },
});

/**
 * The room's samples of the last hour, oldest first, for the room page's chart. The page repeats
 * this on a timer: successful calls are not audited, refusals and failures are.
 */
export const readRoomActivity = defineAction({
  name: 'activity.room',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }): Promise<ActivitySample[]> => samplesSince(await database(), room, new Date(Date.now() - ACTIVITY_WINDOW_MS)),
});
