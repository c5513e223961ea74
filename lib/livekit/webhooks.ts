import 'server-only';
import { WebhookReceiver } from 'livekit-server-sdk';
import { env } from '@/lib/env';
import { toParticipantView } from './mappers';
import type { ParticipantView } from './types';

export interface LiveKitWebhookEvent {
  id: string;
  event: string;
  room?: string;
  identity?: string;
  participantSid?: string;
  /** the participant as the event tells it (joins and leaves), in the table's shape */
  participant?: ParticipantView;
  /** epoch milliseconds */
  createdAt: number;
  /** the event as LiveKit sent it (verified) */
  payload: unknown;
  /** the address that delivered it: the LiveKit node hosting the room (deliveredFrom) */
  sender?: string;
}

/**
 * Who delivered the request: the first hop of X-Forwarded-For, which Next sets to the socket's peer
 * when no proxy did (and HAProxy's `option forwardfor` to its client). Only an address's characters
 * (IPv4, IPv6) are kept; anything else is no answer. Shown, never trusted: the signature is the check.
 */
export function deliveredFrom(headers: Headers): string | undefined {
  const first = headers.get('x-forwarded-for')?.split(',')[0]?.trim().replace(/^::ffff:(?=\d+\.)/, '');
  return first && /^[0-9a-fA-F.:]{2,45}$/.test(first) ? first : undefined;
}

/** LiveKit's events are a few kilobytes; a body larger than this is refused before it is verified. */
export const MAX_WEBHOOK_BYTES = 1024 * 1024;

export class WebhookBodyTooLarge extends Error {
  override name = 'WebhookBodyTooLarge';
}

/** The request's body as text, reading no more than MAX_WEBHOOK_BYTES whatever Content-Length claims. */
export async function readWebhookBody(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > MAX_WEBHOOK_BYTES) throw new WebhookBodyTooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_WEBHOOK_BYTES) {
      await reader.cancel().catch(() => {});
      throw new WebhookBodyTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

let receiver: { instance: WebhookReceiver; key: string } | undefined;

/** Verifies the Authorization header LiveKit signs webhooks with, then returns the event; throws when it does not verify. */
export async function receiveWebhook(body: string, authorization: string | null, sender?: string): Promise<LiveKitWebhookEvent> {
  const { apiKey, apiSecret } = env().livekit;
  const key = `${apiKey}|${apiSecret}`;
  if (receiver?.key !== key) receiver = { key, instance: new WebhookReceiver(apiKey, apiSecret) };
  const event = await receiver.instance.receive(body, authorization ?? undefined);
  return {
    id: event.id,
    event: event.event,
    room: event.room?.name,
    identity: event.participant?.identity,
    participantSid: event.participant?.sid,
    participant: event.participant && toParticipantView(event.participant),
    createdAt: Number(event.createdAt) * 1000,
    payload: JSON.parse(body) as unknown,
    ...(sender && { sender }),
  };
}
