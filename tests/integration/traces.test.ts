import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runExclusive } from '@/lib/db/locks';
import { env } from '@/lib/env';
import { promoteToSpeaker } from '@/lib/participants/actions';
import { startTracingWhenConfigured, tracingOn } from '@/lib/observability/trace';
import type { ReceivedSpan } from '../helpers/otlp-receiver';
import { receiveLiveKitWebhooks } from '../helpers/webhook-receiver';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

// before any import reads the environment (lib/env caches it)
const receiver = await vi.hoisted(async () => {
  const { startOtlpReceiver } = await import('../helpers/otlp-receiver');
  const started = await startOtlpReceiver();
  process.env.OTEL_EXPORTER_OTLP_ENDPOINT = started.endpoint;
  return started;
});
let webhooks: Awaited<ReturnType<typeof receiveLiveKitWebhooks>>;

beforeAll(async () => {
  webhooks = await receiveLiveKitWebhooks();
  expect(tracingOn()).toBe(false);
  expect(env().otlpEndpoint).toBe(receiver.endpoint);
  await startTracingWhenConfigured();
  expect(tracingOn()).toBe(true);
});

afterAll(async () => {
  await webhooks.close();
  await receiver.close();
});

async function flush(): Promise<void> {
  const { startTracing } = await import('@/lib/observability/tracing');
  await startTracing(receiver.endpoint).flush();
}

const childrenOf = (parent: ReceivedSpan) => receiver.spans.filter((span) => span.parentSpanId === parent.spanId && span.traceId === parent.traceId);

describe('OpenTelemetry traces over OTLP/HTTP', () => {
  it('one span per action with its LiveKit calls and database statements as children; webhooks and jobs too', async () => {
    const room = uniqueRoom('traces');
    await joinParticipant({ room, identity: 'audience-1', grant: { canPublish: false } });
    expect(await promoteToSpeaker({ room, identity: 'audience-1' })).toMatchObject({ ok: true });
    await runExclusive('traces-test:job', async () => 1);
    // LiveKit's own participant_joined for the room, handled by the webhook route
    await eventually(
      async () => webhooks.received.join('\n'),
      (text) => text.includes('participant_joined'),
    );
    await flush();

    const action = receiver.spans.find((span) => span.name === 'action participants.promote' && span.attributes['stagekeeper.outcome'] === 'ok');
    expect(action).toBeDefined();
    expect(action!.service).toBe('stagekeeper');
    expect(action!.attributes['stagekeeper.request_id']).toMatch(/^[0-9a-f-]{36}$/);
    const children = childrenOf(action!);
    expect(children.map((span) => span.name)).toEqual(expect.arrayContaining(['livekit getParticipant', 'livekit updateParticipant']));
    expect(children.find((span) => span.name === 'livekit updateParticipant')?.attributes['rpc.method']).toBe('updateParticipant');
    expect(children.some((span) => span.name === 'db query' || span.name === 'db transaction')).toBe(true);

    const job = receiver.spans.find((span) => span.name === 'job traces-test:job');
    expect(job?.attributes['stagekeeper.outcome']).toBe('ok');
    const delivery = await eventually(
      async () => {
        await flush();
        return receiver.spans.find((span) => span.name === 'webhook participant_joined' && span.attributes['stagekeeper.room'] === room);
      },
      (span) => span !== undefined,
    );
    expect(childrenOf(delivery!).some((span) => span.name.startsWith('db '))).toBe(true);
  });
});
