import type { ParticipantInfo, ParticipantPermission, Room, TrackInfo } from 'livekit-server-sdk';
import {
  participantKindFromNumber,
  participantStateFromNumber,
  sourceFromNumber,
  type ParticipantView,
  type PermissionView,
  type RoomView,
  type TrackKind,
  type TrackSourceName,
  type TrackView,
} from './types';

const TRACK_KINDS: Record<number, TrackKind> = { 0: 'audio', 1: 'video', 2: 'data' };

function millis(ms: bigint, seconds: bigint): number {
  return ms > 0n ? Number(ms) : Number(seconds) * 1000;
}

export function toTrackView(track: TrackInfo): TrackView {
  return {
    sid: track.sid,
    name: track.name,
    kind: TRACK_KINDS[track.type] ?? 'unknown',
    source: sourceFromNumber(track.source) ?? 'unknown',
    muted: track.muted,
    mimeType: track.mimeType,
  };
}

export function toPermissionView(permission: ParticipantPermission | undefined): PermissionView {
  return {
    canSubscribe: permission?.canSubscribe ?? false,
    canPublish: permission?.canPublish ?? false,
    canPublishData: permission?.canPublishData ?? false,
    canPublishSources: (permission?.canPublishSources ?? [])
      .map(sourceFromNumber)
      .filter((source): source is TrackSourceName => source !== undefined),
    canUpdateMetadata: permission?.canUpdateMetadata ?? false,
    hidden: permission?.hidden ?? false,
  };
}

export function toParticipantView(participant: ParticipantInfo): ParticipantView {
  return {
    sid: participant.sid,
    identity: participant.identity,
    name: participant.name,
    state: participantStateFromNumber(participant.state),
    kind: participantKindFromNumber(participant.kind),
    joinedAt: millis(participant.joinedAtMs, participant.joinedAt),
    metadata: participant.metadata,
    attributes: { ...participant.attributes },
    permission: toPermissionView(participant.permission),
    tracks: participant.tracks.map(toTrackView),
    isPublisher: participant.isPublisher,
    version: participant.version,
  };
}

export function toRoomView(room: Room): RoomView {
  return {
    sid: room.sid,
    name: room.name,
    metadata: room.metadata,
    numParticipants: room.numParticipants,
    numPublishers: room.numPublishers,
    createdAt: millis(room.creationTimeMs, room.creationTime),
    maxParticipants: room.maxParticipants,
    emptyTimeout: room.emptyTimeout,
    activeRecording: room.activeRecording,
  };
}
