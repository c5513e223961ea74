import 'server-only';
import { randomUUID } from 'node:crypto';
import { AccessToken, TrackSource } from 'livekit-server-sdk';
import { env } from '@/lib/env';
import { OBSERVER_IDENTITY_PREFIX } from '@/lib/live/observer-identity';

export const OBSERVER_TOKEN_TTL_SECONDS = 10 * 60;

export interface ObserverToken {
  /** ws(s):// address the browser connects to */
  url: string;
  token: string;
  identity: string;
  /** epoch milliseconds */
  expiresAt: number;
}

/**
 * A token for the browser's hidden observer: it may join one room and see who is there and what
 * changes, and nothing else: no publishing, no data, no media subscriptions.
 */
export async function createObserverToken(room: string): Promise<ObserverToken> {
  const { livekit } = env();
  const identity = `${OBSERVER_IDENTITY_PREFIX}${randomUUID().slice(0, 8)}`;
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity,
    name: 'Stagekeeper observer',
    ttl: OBSERVER_TOKEN_TTL_SECONDS,
  });
  token.addGrant({
    roomJoin: true,
    room,
    hidden: true,
    canPublish: false,
    canPublishData: false,
    canSubscribe: false,
    canUpdateOwnMetadata: false,
  });
  return {
    url: livekit.publicUrl,
    token: await token.toJwt(),
    identity,
    expiresAt: Date.now() + OBSERVER_TOKEN_TTL_SECONDS * 1000,
  };
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
 * A join token for the event's own app. Audience members may subscribe, send data and update their
 * own metadata and attributes (to raise a hand); speakers may also publish microphone and camera.
 */
export async function createParticipantToken(request: ParticipantTokenRequest): Promise<ObserverToken> {
  const { livekit } = env();
  const token = new AccessToken(livekit.apiKey, livekit.apiSecret, {
    identity: request.identity,
    name: request.name,
    metadata: request.metadata,
    ttl: request.ttlSeconds,
  });
  token.addGrant({
    roomJoin: true,
    room: request.room,
    canSubscribe: true,
    canPublishData: true,
    canUpdateOwnMetadata: true,
    canPublish: request.preset === 'speaker',
    ...(request.preset === 'speaker' && { canPublishSources: [TrackSource.MICROPHONE, TrackSource.CAMERA] }),
  });
  return {
    url: livekit.publicUrl,
    token: await token.toJwt(),
    identity: request.identity,
    expiresAt: Date.now() + request.ttlSeconds * 1000,
  };
}
