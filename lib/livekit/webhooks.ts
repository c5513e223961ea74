import 'server-only';
import { WebhookReceiver } from 'livekit-server-sdk';
import { env } from '@/lib/env';

export interface LiveKitWebhookEvent {
  id: string;
  event: string;
  room?: string;
  identity?: string;
  /** epoch milliseconds */
  createdAt: number;
}

let receiver: { instance: WebhookReceiver; key: string } | undefined;

/** Verifies the Authorization header LiveKit signs webhooks with, then returns the event. */
export async function receiveWebhook(body: string, authorization: string | null): Promise<LiveKitWebhookEvent> {
  const { apiKey, apiSecret } = env().livekit;
  const key = `${apiKey}|${apiSecret}`;
  if (receiver?.key !== key) receiver = { key, instance: new WebhookReceiver(apiKey, apiSecret) };
  const event = await receiver.instance.receive(body, authorization ?? undefined);
  return {
    id: event.id,
    event: event.event,
    room: event.room?.name,
    identity: event.participant?.identity,
    createdAt: Number(event.createdAt) * 1000,
  };
}
