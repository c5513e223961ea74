'use server';

import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { database } from '@/lib/db';
import { withLock } from '@/lib/db/locks';
import {
  deleteUnmuteRequest,
  insertUnmuteRequest,
  latestUnmuteRequestFor,
  openUnmuteRequestFor,
  recentUnmuteRequests,
  unmuteRequestView,
} from '@/lib/unmute-requests/store';
import { UNMUTE_REQUEST_TOPIC, UNMUTE_REQUEST_TTL_MS, type UnmuteRequest, type UnmuteRequestView } from '@/lib/unmute-requests/shared';
import { remoteUnmutePolicy } from '@/lib/unmute-requests/policy-service';
import { publishUnmuteRequestsChanged } from '@/lib/unmute-requests/job';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { defineAction } from '@/lib/actions/define-action';
import { roomName, trackRef } from '@/lib/actions/schemas';

/** How long an answered request stays on the row. */
const SHOWN_FOR_MS = 2 * 60_000;

/**
 * Sends the participant a request to unmute one muted track (a data packet from the server to them
 * only) and stores it as `asked`; the watcher settles it. A track already asked and not expired gets
 * no second packet: the open request is answered, so two moderators clicking together ask once.
 */
export const askToUnmute = defineAction({
  name: 'tracks.askToUnmute',
  access: 'moderate',
  input: trackRef,
  snapshot: async ({ room, identity, trackSid }) => {
    const latest = await latestUnmuteRequestFor(await database(), room, identity, trackSid);
    return latest && unmuteRequestView(latest);
  },
  resultIsAfter: true,
  run: async ({ room, identity, trackSid }, { actor }): Promise<{ request: UnmuteRequestView; alreadyAsked: boolean }> => {
    const db = await database();
    return withLock(`unmute-request:${room}:${identity}:${trackSid}`, async () => {
      const participant = await livekit.getParticipant(room, identity);
      const who = participant.name || identity;
      const track = participant.tracks.find((candidate) => candidate.sid === trackSid);
      if (!track) throw new LiveKitError('not_found', `${who} has no published track ${trackSid}`);
      if (!track.muted) throw new LiveKitError('failed_precondition', `${who}'s ${track.source} is not muted`);
      const open = await openUnmuteRequestFor(db, room, identity, trackSid);
      if (open) return { request: unmuteRequestView(open), alreadyAsked: true };

      const row = await insertUnmuteRequest(
        db,
        {
          id: randomUUID(),
          room,
          identity,
          trackSid,
          trackSource: track.source,
          // participants see the account's name, never its email
          askedBy: actor.label !== actor.email ? actor.label : 'A moderator',
          askedByEmail: actor.email,
        },
        UNMUTE_REQUEST_TTL_MS,
      );
      const request = unmuteRequestView(row);
      const { id, source, askedBy, askedAt, expiresAt } = request;
      const payload: UnmuteRequest = { id, trackSid, source, askedBy, askedAt, expiresAt };
      try {
        await livekit.sendData(room, new TextEncoder().encode(JSON.stringify(payload)), UNMUTE_REQUEST_TOPIC, [identity]);
      } catch (error) {
        await deleteUnmuteRequest(db, row.id);
        throw error;
      }
      await publishUnmuteRequestsChanged(db, room);
      return { request, alreadyAsked: false };
    });
  },
});

// Read by the room page on every pushed change and on its safety poll: a timer, not a person.
export const listUnmuteRequests = defineAction({
  name: 'tracks.unmuteRequests',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }) => (await recentUnmuteRequests(await database(), room, SHOWN_FOR_MS)).map(unmuteRequestView),
});

export const getRemoteUnmutePolicy = defineAction({
  name: 'tracks.remoteUnmutePolicy',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }) => ({ allowed: await remoteUnmutePolicy(room) }),
});
