import type { Participant, TrackPublication } from 'livekit-client';
import {
  participantKindFromNumber,
  participantStateFromNumber,
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

/**
 * The ParticipantInfo LiveKit last sent for this participant. livekit-client keeps it `protected`;
 * it alone has the join time to the millisecond, the state, the publisher flag and the version that
 * ListParticipants shows, so the row reads them from it (and falls back to the public fields).
 */
interface SignalledInfo {
  joinedAtMs?: bigint;
  state?: number;
  isPublisher?: boolean;
  version?: number;
}
function signalledInfo(participant: Participant): SignalledInfo | undefined {
  return (participant as unknown as { participantInfo?: SignalledInfo }).participantInfo;
}

/**
 * Changes whenever LiveKit sends this participant's info again, whether or not livekit-client
 * emits an event for it: every ParticipantUpdate it applies replaces the permission object.
 */
export function participantRevision(participant: Participant): unknown {
  return participant.permissions;
}

/** The same row the server actions return, built from what the browser's observer sees. */
export function participantFromLiveKit(participant: Participant): ParticipantView {
  const tracks = [...participant.trackPublications.values()].map(trackFromPublication);
  const info = signalledInfo(participant);
  const joinedAtMs = info?.joinedAtMs !== undefined ? Number(info.joinedAtMs) : 0;
  return {
    sid: participant.sid,
    identity: participant.identity,
    name: participant.name ?? '',
    state: info?.state !== undefined ? participantStateFromNumber(info.state) : 'active',
    kind: participantKindFromNumber(participant.kind),
    joinedAt: joinedAtMs > 0 ? joinedAtMs : (participant.joinedAt?.getTime() ?? Date.now()),
    metadata: participant.metadata ?? '',
    attributes: { ...participant.attributes },
    permission: permissionFromParticipant(participant),
    tracks,
    isPublisher: info?.isPublisher ?? tracks.length > 0,
    version: info?.version,
  };
}

/** Whether two rows hold the same; tracks compare as a set (LiveKit lists them in no fixed order). */
export function sameParticipant(a: ParticipantView, b: ParticipantView): boolean {
  if (a === b) return true;
  return (
    a.sid === b.sid &&
    a.identity === b.identity &&
    a.name === b.name &&
    a.state === b.state &&
    a.kind === b.kind &&
    a.joinedAt === b.joinedAt &&
    a.metadata === b.metadata &&
    a.isPublisher === b.isPublisher &&
    a.version === b.version &&
    sameRecord(a.attributes, b.attributes) &&
    samePermission(a.permission, b.permission) &&
    sameTracks(a.tracks, b.tracks)
  );
}

function sameRecord(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && a[key] === b[key]);
}

function samePermission(a: PermissionView, b: PermissionView): boolean {
  return (
    a.canSubscribe === b.canSubscribe &&
    a.canPublish === b.canPublish &&
    a.canPublishData === b.canPublishData &&
    a.canUpdateMetadata === b.canUpdateMetadata &&
    a.hidden === b.hidden &&
    a.canPublishSources.length === b.canPublishSources.length &&
    a.canPublishSources.every((source) => b.canPublishSources.includes(source))
  );
}

function sameTracks(a: TrackView[], b: TrackView[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((track) => {
    const other = b.find((candidate) => candidate.sid === track.sid);
    return (
      other !== undefined &&
      other.name === track.name &&
      other.kind === track.kind &&
      other.source === track.source &&
      other.muted === track.muted &&
      other.mimeType === track.mimeType
    );
  });
}
