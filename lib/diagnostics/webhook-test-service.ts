import 'server-only';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { ActionDefinition } from '@/lib/actions/define-action';
import { database } from '@/lib/db';
import { env } from '@/lib/env';
import { createRoom, deleteRoom, LiveKitError } from '@/lib/livekit';
import { reachedBy, webhookUrl, type Reached } from './service';
import { roomStartedReceived } from './store';
import type { Check } from './shared';

export const WEBHOOK_TEST_PREFIX = 'stagekeeper-webhook-test-';
const POLL_MS = 200;

/** How the current request reached the console; outside a request (a timer, a test), the public URL or the local port. */
export async function currentReached(): Promise<Reached> {
  try {
    const { headers } = await import('next/headers');
    const source = await headers();
    if (source.get('host')) return reachedBy('http://localhost', source);
  } catch {
    // not in a request
  }
  const origin = env().auth.publicUrl?.replace(/\/+$/, '') ?? `http://127.0.0.1:${env().port}`;
  return { origin, https: origin.startsWith('https://') };
}

/**
 * "Send a test": a scratch room is created and deleted, and its room_started webhook must reach this
 * console's database (any replica's receiver writes it there) within `waitMs`.
 */
export async function sendWebhookTest(reached: Reached, waitMs = 10_000): Promise<Check> {
  const room = `${WEBHOOK_TEST_PREFIX}${randomBytes(6).toString('hex')}`;
  const url = webhookUrl(reached);
  const started = performance.now();
  try {
    await createRoom({ name: room, emptyTimeout: 10 });
  } catch (error) {
    const why = error instanceof LiveKitError ? error.message : String(error);
    return fail(`could not create the scratch room ${room} (${why})`, 'Fix the LiveKit lines above first; the test needs a room.');
  }
  try {
    const db = await database();
    while (performance.now() - started < waitMs) {
      if (await roomStartedReceived(db, room)) {
        return { id: 'webhooks.test', section: 'webhooks', label: 'Test delivery', status: 'ok', detail: `room_started of ${room} arrived in ${Math.round(performance.now() - started)} ms` };
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    return fail(
      `LiveKit created ${room} but its room_started did not arrive within ${Math.round(waitMs / 1000)} s`,
      `Point webhook.urls in LiveKit's config at ${url} (a URL LiveKit can reach) with webhook.api_key: ${env().livekit.apiKey}, and restart LiveKit.`,
    );
  } finally {
    await deleteRoom(room).catch(() => {});
  }
}

function fail(detail: string, fix: string): Check {
  return { id: 'webhooks.test', section: 'webhooks', label: 'Test delivery', status: 'fail', detail, fix };
}

const noInput = z.strictObject({}).optional();

/** The audited "send a test": the page's server action and the doctor's route run this one definition. */
export function webhookTestDefinition(reached: () => Promise<Reached>): ActionDefinition<typeof noInput, Check> {
  return { name: 'diagnostics.webhookTest', access: 'admin', input: noInput, run: async () => sendWebhookTest(await reached()) };
}
