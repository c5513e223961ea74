import 'server-only';
import { randomUUID } from 'node:crypto';
import { AccessToken, TrackSource, type VideoGrant } from 'livekit-server-sdk';
import { env } from '@/lib/env';
import { OBSERVER_IDENTITY_PREFIX } from '@/lib/live/observer-identity';

export const OBSERVER_TOKEN_TTL_SECONDS = 10 * 60;

/**
 * Identities Stagekeeper keeps for its own participants (the hidden observers): the token endpoint
 * never issues them, whatever their case, so no one can join looking like, or pushing out, an observer.
 */
export const RESERVED_IDENTITY_PREFIX = 'stagekeeper-';

export function isReservedIdentity(identity: string): boolean {
  return identity.toLowerCase().startsWith(RESERVED_IDENTITY_PREFIX);
}

export interface JoinToken {
  /** ws(s):// address the browser connects to */
  url: string;
  token: string;
  identity: string;
  /** epoch milliseconds */
  expiresAt: number;
}

interface JoinTokenRequest {
  room: string;
  identity: string;
  name?: string;
  metadata?: string;
  ttlSeconds: number;
  grant: Omit<VideoGrant, 'roomJoin' | 'room'>;
}

/** The one place a join token is signed, with the API secret that never leaves the server. */
async function signJoinToken({ room, identity, name, metadata, ttlSeconds, grant }: JoinTokenRequest): Promise<JoinToken> {
  const { livekit } = env();
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, { identity, name, metadata, ttl: ttlSeconds });
  token.addGrant({ roomJoin: true, room, ...grant });
  return { url: livekit.publicUrl, token: await token.toJwt(), identity, expiresAt: Date.now() + ttlSeconds * 1000 };
}

/**
 * A token for the browser's hidden observer: it may join one room and see who is there and what
 * changes, and nothing else: no publishing, no data, no media subscriptions.
 */
export function createObserverToken(room: string): Promise<JoinToken> {
  return signJoinToken({
    room,
    identity: `${OBSERVER_IDENTITY_PREFIX}${randomUUID().slice(0, 8)}`,
    name: 'Stagekeeper observer',
    ttlSeconds: OBSERVER_TOKEN_TTL_SECONDS,
    grant: {
      hidden: true,
      canPublish: false,
      canPublishData: false,
      canSubscribe: false,
      canUpdateOwnMetadata: false,
    },
  });
}

export type JoinPreset = 'audience' | 'speaker';

export interface ParticipantTokenRequest {
  room: string;
  identity: string;
  name?: string;
  metadata?: string;
  preset: JoinPreset;
  ttlSeconds: number;
}

/**
 * A join token for the event's own app. Audience members may subscribe and update their own metadata
 * and attributes (to raise a hand), and send no data: the room's data channel is for the stage and
 * for Stagekeeper's notices. Speakers may also publish microphone, camera and data.
 */
export function createParticipantToken({ preset, ...request }: ParticipantTokenRequest): Promise<JoinToken> {
  return signJoinToken({ ...request, grant: participantGrant(preset) });
}

/** The grant of a join token; the stage presets of the same name (lib/presets/shared.ts) give the same stage fields. */
export function participantGrant(preset: JoinPreset): Omit<VideoGrant, 'roomJoin' | 'room'> {
  return {
    canSubscribe: true,
    canPublishData: preset === 'speaker',
    canUpdateOwnMetadata: true,
    canPublish: preset === 'speaker',
    ...(preset === 'speaker' && { canPublishSources: [TrackSource.MICROPHONE, TrackSource.CAMERA] }),
  };
}
