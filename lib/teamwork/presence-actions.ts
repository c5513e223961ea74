'use server';

import { z } from 'zod';
import { database } from '@/lib/db';
import { defineAction } from '@/lib/actions/define-action';
import { roomName } from '@/lib/actions/schemas';
import type { PresentModerator } from '@/lib/teamwork/shared';
import { presentIn } from './presence-store';
import { PRESENCE_TTL_MS } from './presence-service';

/**
 * Who has the room open (this account too): a room page reads it on load and when `presence_changed`
 * is pushed. Being present is not an action: it is the page's open event stream (presence-service.ts).
 */
export const listPresence = defineAction({
  name: 'presence.list',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }, { actor }): Promise<{ present: PresentModerator[]; you: string }> => ({
    present: await presentIn(await database(), room, PRESENCE_TTL_MS),
    you: actor.id,
  }),
});
