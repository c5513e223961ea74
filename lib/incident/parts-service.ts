import 'server-only';
import { z } from 'zod';
import { database } from '@/lib/db';
import { loadPresets } from '@/lib/presets/store';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import * as livekit from '@/lib/livekit';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import { ROOM_ACCESS_MODES, roomAccessState, setRoomAccess, type RoomAccessChange } from '@/lib/access/service';
import type { ActionDefinition } from '@/lib/actions/define-action';
import { isParticipant, participantState } from '@/lib/participants/service';
import { changeStage } from '@/lib/participants/stage-service';
import type { Actor } from '@/lib/actions/gate';
import { applyPreset } from '@/lib/presets/shared';
import { participantRef, permissionSet, roomName, trackRef } from '@/lib/actions/schemas';

/**
 * The parts of an incident and of its undo (incident.ts), each audited with its own pending → ok
 * row whose input carries `partOf`: the audit row id of the incident (or undo) it belongs to. The
 * incident holds the participant's lock around that participant's parts and reads them first, so the
 * parts themselves neither lock nor read again. Kept out of the 'use server' files: there every
 * export is a public endpoint.
 */
const partOf = z.number().int().positive();
const participantPart = participantRef.extend({ partOf });
const trackPart = trackRef.extend({ partOf });

function withTrack(participant: ParticipantView, track: TrackView): ParticipantView {
  return { ...participant, tracks: participant.tracks.map((current) => (current.sid === track.sid ? track : current)) };
}

function trackPartDefinition(muted: boolean) {
  return {
    name: muted ? 'tracks.mute' : 'tracks.unmute',
    access: 'moderate',
    input: trackPart,
    snapshot: participantState,
    run: async ({ room, identity, trackSid }, { before }) =>
      livekit.mutePublishedTrack(room, identity, trackSid, muted, isParticipant(before) ? before : undefined),
    afterFrom: (before, track) => (isParticipant(before) ? withTrack(before, track) : undefined),
  } satisfies ActionDefinition<typeof trackPart, TrackView>;
}

export const muteTrackPart = trackPartDefinition(true);
export const unmuteTrackPart = trackPartDefinition(false);

const INCIDENT_ENDING = (actor: Actor) => ({ reason: 'demoted' as const, by: actor.email, note: 'moved to the audience by an incident' });

/** The audience preset laid over the permission read under the incident's lock; hidden is kept; a running slot ends. */
export const demotePart = {
  name: 'participants.demote',
  access: 'moderate',
  input: participantPart,
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity }, { before, actor }) => {
    const presets = await loadPresets(await database());
    const current = isParticipant(before) ? before : await livekit.getParticipant(room, identity);
    return changeStage(room, current, { permission: applyPreset(current.permission, presets.audience) }, { ending: INCIDENT_ENDING(actor) });
  },
} satisfies ActionDefinition<typeof participantPart, ParticipantView>;

export const lowerHandPart = {
  name: 'hands.dismiss',
  access: 'moderate',
  input: participantPart,
  run: async ({ room, identity }) => livekit.updateParticipant(room, identity, { attributes: { [HAND_ATTRIBUTE]: '' } }),
} satisfies ActionDefinition<typeof participantPart, ParticipantView>;

const permissionPart = participantPart.extend({ permission: permissionSet });

/** Undo: the whole permission the participant had before the incident, not a preset. */
export const restorePermissionPart = {
  name: 'participants.restorePermission',
  access: 'moderate',
  input: permissionPart,
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity, permission }, { before, actor }) => {
    const current = isParticipant(before) ? before : await livekit.getParticipant(room, identity);
    return changeStage(room, current, { permission }, { ending: { reason: 'demoted', by: actor.email, note: 'undo of an incident' } });
  },
} satisfies ActionDefinition<typeof permissionPart, ParticipantView>;

const accessPart = z.strictObject({ room: roomName, mode: z.enum(ROOM_ACCESS_MODES), partOf });

export const roomAccessPart = {
  name: 'access.set',
  access: 'moderate',
  input: accessPart,
  snapshot: ({ room }) => roomAccessState(room),
  run: async ({ room, mode }, { actor }) => setRoomAccess(room, mode, actor),
} satisfies ActionDefinition<typeof accessPart, RoomAccessChange>;
