import type { ParticipantView, TrackView } from '@/lib/livekit/types';

/**
 * The ask-to-unmute contract. Stagekeeper sends a request from the server (as no participant) to one
 * participant, as a reliable data packet on UNMUTE_REQUEST_TOPIC. The participant's app answers in
 * state LiveKit keeps, which the dashboard reads with RoomService from any replica, with or without
 * a dashboard tab open: accepting is unmuting the track (and writing the reply attribute), declining
 * is writing the reply attribute with `declined`. A request nobody answers expires.
 */
export const UNMUTE_REQUEST_TOPIC = 'stagekeeper.unmute-request';
export const UNMUTE_REPLY_ATTRIBUTE = 'stagekeeper.unmute-reply';
export const UNMUTE_REQUEST_TTL_MS = 30_000;

export const UNMUTE_REQUEST_STATES = ['asked', 'accepted', 'declined', 'expired'] as const;
export type UnmuteRequestState = (typeof UNMUTE_REQUEST_STATES)[number];
export type UnmuteAnswer = 'accepted' | 'declined';

/** The packet's payload, UTF-8 JSON. */
export interface UnmuteRequest {
  /** answer with this id */
  id: string;
  trackSid: string;
  source: TrackView['source'];
  /** the moderator's name as the dashboard shows it */
  askedBy: string;
  askedAt: string;
  /** ISO time: after it the request is expired, and the app should drop its prompt */
  expiresAt: string;
}

/** A request as the room page shows it. */
export interface UnmuteRequestView extends UnmuteRequest {
  room: string;
  identity: string;
  state: UnmuteRequestState;
  settledAt: string | null;
}

/**
 * The check docs/app-contract.md gives the event's app: the arguments of `RoomEvent.DataReceived` in, a
 * request or null out. Like notices, only packets without a sender are Stagekeeper's: LiveKit stamps
 * every participant's packet with its identity. Self-contained so it can be copied as is.
 */
export function stagekeeperUnmuteRequest(
  payload: Uint8Array,
  participant: { identity: string } | undefined,
  topic: string | undefined,
  senderIdentity: string | undefined,
): UnmuteRequest | null {
  if (topic !== 'stagekeeper.unmute-request' || participant !== undefined || senderIdentity) return null;
  try {
    const request = JSON.parse(new TextDecoder().decode(payload));
    const fields = ['id', 'trackSid', 'source', 'askedBy', 'askedAt', 'expiresAt'];
    return fields.every((field) => typeof request?.[field] === 'string') ? (request as UnmuteRequest) : null;
  } catch {
    return null;
  }
}

/** The reply attribute's value: `{"id":"…","answer":"accepted"|"declined"}`. */
export function unmuteReplyValue(id: string, answer: UnmuteAnswer): string {
  return JSON.stringify({ id, answer });
}

export function parseUnmuteReply(value: string | undefined): { id: string; answer: UnmuteAnswer } | null {
  if (!value) return null;
  try {
    const reply = JSON.parse(value);
    if (typeof reply?.id !== 'string' || (reply.answer !== 'accepted' && reply.answer !== 'declined')) return null;
    return { id: reply.id, answer: reply.answer };
  } catch {
    return null;
  }
}

/**
 * What an open request has become, from the participant as LiveKit lists it now (undefined: not in
 * the room): accepted when its track is unmuted or the app answered `accepted`, declined when it
 * answered `declined`, expired once past its expiry with neither; null while it stays asked.
 * An answer is read before the expiry is applied: the watcher looks every second, and the app drops
 * its prompt at `expiresAt`, so what it sees first after the expiry was given before it.
 */
export function settledState(
  request: Pick<UnmuteRequest, 'id' | 'trackSid' | 'expiresAt'>,
  participant: Pick<ParticipantView, 'attributes' | 'tracks'> | undefined,
  now: number,
): Exclude<UnmuteRequestState, 'asked'> | null {
  if (participant) {
    const reply = parseUnmuteReply(participant.attributes[UNMUTE_REPLY_ATTRIBUTE]);
    if (reply?.id === request.id) return reply.answer;
    const track = participant.tracks.find((candidate) => candidate.sid === request.trackSid);
    if (track && !track.muted) return 'accepted';
  }
  return now >= Date.parse(request.expiresAt) ? 'expired' : null;
}
