import 'server-only';
import * as livekit from '@/lib/livekit';
import { remoteUnmuteAllowedIn } from '@/lib/unmute-requests/policy-service';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import type { ActionDefinition } from '@/lib/actions/define-action';
import { isParticipant, participantLock, participantState } from './service';
import { trackRef } from '@/lib/actions/schemas';

/**
 * tracks.mute and tracks.unmute, for the single actions (participants.ts) and for bulk requests
 * (bulk.ts). Kept out of the 'use server' files: there every export is a public endpoint.
 */
function trackMuteDefinition(muted: boolean) {
  return {
    name: muted ? 'tracks.mute' : 'tracks.unmute',
    access: 'moderate',
    input: trackRef,
    snapshot: participantState,
    lock: participantLock,
    // undoing a mute unmutes, which LiveKit allows only with room.enable_remote_unmute
    undoable: async ({ room, identity }) => muted && (await remoteUnmuteAllowedIn(room, identity)),
    // the participant as just read (the audit snapshot, or a bulk request's listing) stands in for reading it again
    run: async ({ room, identity, trackSid }, { before }) =>
      livekit.mutePublishedTrack(room, identity, trackSid, muted, isParticipant(before) ? before : undefined),
    afterFrom: (before, track) => (isParticipant(before) ? withTrack(before, track) : undefined),
  } satisfies ActionDefinition<typeof trackRef, TrackView>;
}

function withTrack(participant: ParticipantView, track: TrackView): ParticipantView {
  return { ...participant, tracks: participant.tracks.map((current) => (current.sid === track.sid ? track : current)) };
}

export const muteTrackDefinition = trackMuteDefinition(true);
export const unmuteTrackDefinition = trackMuteDefinition(false);
