export const TRACK_SOURCES = ['camera', 'microphone', 'screen_share', 'screen_share_audio'] as const;
export type TrackSourceName = (typeof TRACK_SOURCES)[number];

/** LiveKit's TrackSource enum values, shared by the server SDK and livekit-client. */
export function sourceFromNumber(source: number): TrackSourceName | undefined {
  return TRACK_SOURCES[source - 1];
}

export function sourceToNumber(source: TrackSourceName): number {
  return TRACK_SOURCES.indexOf(source) + 1;
}

/** The permission with `source` added to or removed from the sources it may publish. */
export function withSourceToggled<P extends Pick<PermissionView, 'canPublishSources'>>(permission: P, source: TrackSourceName): P {
  const sources = permission.canPublishSources;
  return {
    ...permission,
    canPublishSources: sources.includes(source) ? sources.filter((s) => s !== source) : [...sources, source],
  };
}

export type TrackKind = 'audio' | 'video' | 'data' | 'unknown';
export type ParticipantStateName = 'joining' | 'joined' | 'active' | 'disconnected';
export type ParticipantKindName = 'standard' | 'ingress' | 'egress' | 'sip' | 'agent' | 'connector' | 'bridge' | 'unknown';

const PARTICIPANT_KINDS: Record<number, ParticipantKindName> = {
  0: 'standard',
  1: 'ingress',
  2: 'egress',
  3: 'sip',
  4: 'agent',
  7: 'connector',
  8: 'bridge',
};
const PARTICIPANT_STATES: Record<number, ParticipantStateName> = { 0: 'joining', 1: 'joined', 2: 'active', 3: 'disconnected' };

/** LiveKit's ParticipantInfo.Kind, the same numbers in the server SDK and livekit-client. */
export function participantKindFromNumber(kind: number): ParticipantKindName {
  return PARTICIPANT_KINDS[kind] ?? 'unknown';
}

/** LiveKit's ParticipantInfo.State, the same numbers in the server SDK and livekit-client. */
export function participantStateFromNumber(state: number): ParticipantStateName {
  return PARTICIPANT_STATES[state] ?? 'joining';
}

export interface TrackView {
  sid: string;
  name: string;
  kind: TrackKind;
  source: TrackSourceName | 'unknown';
  muted: boolean;
  mimeType: string;
}

export interface PermissionView {
  canSubscribe: boolean;
  canPublish: boolean;
  canPublishData: boolean;
  canPublishSources: TrackSourceName[];
  canUpdateMetadata: boolean;
  hidden: boolean;
}

export interface ParticipantView {
  sid: string;
  identity: string;
  name: string;
  state: ParticipantStateName;
  kind: ParticipantKindName;
  /** epoch milliseconds */
  joinedAt: number;
  metadata: string;
  attributes: Record<string, string>;
  permission: PermissionView;
  tracks: TrackView[];
  isPublisher: boolean;
  /** LiveKit's version of this participant session's info: a higher one is newer */
  version?: number;
}

export interface RoomView {
  sid: string;
  name: string;
  metadata: string;
  numParticipants: number;
  numPublishers: number;
  /** epoch milliseconds */
  createdAt: number;
  maxParticipants: number;
  emptyTimeout: number;
  activeRecording: boolean;
}
