'use server';

import { z } from 'zod';
import { roomAlerts } from '@/lib/teamwork/alerts-service';
import { database } from '@/lib/db';
import { dismissAlert as dismissStoredAlert } from '@/lib/teamwork/alerts-store';
import { publishRoomSignal } from '@/lib/events/room-events-store';
import type { RoomAlerts, StoredAlert } from '@/lib/teamwork/shared';
import { ActionRefusal, defineAction } from '@/lib/actions/define-action';
import { roomName } from '@/lib/actions/schemas';

export const listRoomAlerts = defineAction({
  name: 'alerts.list',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }): Promise<RoomAlerts> => roomAlerts(room),
});

/** A moderator looked into it: the alert leaves every tab's list (it is raised again if it happens again). */
export const dismissAlert = defineAction({
  name: 'alerts.dismiss',
  access: 'moderate',
  input: z.strictObject({ room: roomName, id: z.number().int().positive() }),
  run: async ({ room, id }, { actor }): Promise<StoredAlert> => {
    const dismissed = await dismissStoredAlert(await database(), room, id, actor.email);
    if (!dismissed) throw new ActionRefusal({ code: 'not_found', message: 'That alert is gone already (dismissed by someone else)' });
    await publishRoomSignal('alerts_changed', room);
    return dismissed;
  },
});
