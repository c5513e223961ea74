import type { Participant, TrackPublication } from 'livekit-client';
import {
  sourceFromNumber,
  type ParticipantView,
  type PermissionView,
  type TrackKind,
  type TrackView,
} from '@/lib/livekit/types';

const KINDS: Record<string, TrackKind> = { audio: 'audio', video: 'video' };
const SOURCES = new Set(['camera', 'microphone', 'screen_share', 'screen_share_audio']);

export function trackFromPublication(publication: TrackPublication): TrackView {
  return {
    sid: publication.trackSid,
    name: publication.trackName,
    kind: KINDS[publication.kind] ?? 'unknown',
    source: SOURCES.has(publication.source) ? (publication.source as TrackView['source']) : 'unknown',
    muted: publication.isMuted,
    mimeType: publication.mimeType ?? '',
  };
}

export function permissionFromParticipant(participant: Participant): PermissionView {
  const permission = participant.permissions;
  return {
    canSubscribe: permission?.canSubscribe ?? false,
    canPublish: permission?.canPublish ?? false,
    canPublishData: permission?.canPublishData ?? false,
    canPublishSources: (permission?.canPublishSources ?? [])
      .map((source) => sourceFromNumber(Number(source)))
      .filter((source): source is NonNullable<typeof source> => source !== undefined),
    canUpdateMetadata: permission?.canUpdateMetadata ?? false,
    hidden: permission?.hidden ?? false,
  };
}

/** The same row the server actions return, built from what the browser's observer sees. */
export function participantFromLiveKit(participant: Participant): ParticipantView {
  const tracks = [...participant.trackPublications.values()].map(trackFromPublication);
  return {
    sid: participant.sid,
    identity: participant.identity,
    name: participant.name ?? '',
    state: 'active',
    kind: participant.isAgent ? 'agent' : 'standard',
    joinedAt: participant.joinedAt?.getTime() ?? Date.now(),
    metadata: participant.metadata ?? '',
    attributes: { ...participant.attributes },
    permission: permissionFromParticipant(participant),
    tracks,
    isPublisher: tracks.length > 0,
  };
}
