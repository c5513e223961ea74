'use server';

import { z } from 'zod';
import { database } from '@/lib/db';
import { incidentStillRunning, latestOpenIncident } from '@/lib/incident/store';
import { defineAction } from '@/lib/actions/define-action';
import { runIncident } from './run-service';
import type { IncidentInfo } from './shared';
import { runUndo } from './undo-service';
import { identity, roomName, version } from '@/lib/actions/schemas';

const MAX_INCIDENT_TARGETS = 10_000;

/**
 * The incident button: mute every track except hosts', move every speaker to the audience, lower
 * every hand, lock the room, for exactly the participants the confirmation listed (each with the
 * version it showed). One audit row for the incident; each part has its own row pointing to it.
 */
export const startIncident = defineAction({
  name: 'incident.start',
  access: 'moderate',
  input: z.strictObject({
    room: roomName,
    targets: z.array(z.strictObject({ identity, version })).max(MAX_INCIDENT_TARGETS),
  }),
  run: async ({ room, targets }, { actor, auditId }) => runIncident(room, targets, { actor, auditId }),
});

/** Undo incident: each participant's permission and the lock from before; whoever changed since is reported, not touched. */
export const undoIncident = defineAction({
  name: 'incident.undo',
  access: 'moderate',
  input: z.strictObject({ room: roomName, incidentId: z.number().int().positive() }),
  run: async ({ room, incidentId }, { actor, auditId }) => runUndo(room, incidentId, { actor, auditId }),
});

/** The room's latest incident not undone yet, so a reloaded page (or another moderator) can still undo it. */
export const latestIncident = defineAction({
  name: 'incident.latest',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }): Promise<IncidentInfo | null> => {
    const db = await database();
    const row = await latestOpenIncident(db, room);
    if (!row) return null;
    return {
      id: row.id,
      room: row.room,
      startedAt: row.startedAt.toISOString(),
      startedBy: row.startedBy,
      participants: Array.isArray(row.participants) ? row.participants.length : 0,
      accessBefore: row.accessBefore,
      running: await incidentStillRunning(db, row),
    };
  },
});
