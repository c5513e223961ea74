import { beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/metrics/route';
import { POST as webhook } from '@/app/api/livekit/webhook/route';
import { insertPendingEntry } from '@/lib/actions/audit-store';
import { database } from '@/lib/db';
import { runExclusive } from '@/lib/db/locks';
import { env } from '@/lib/env';
import { getRoom, listRooms } from '@/lib/rooms/actions';
import { deliverJoin } from '../helpers/signed-webhook';
import { uniqueRoom } from '../helpers/participants';

const OPS_TOKEN = 'ops-token-for-the-metrics-test-0123456';

beforeAll(() => {
  process.env.STAGEKEEPER_OPS_TOKEN = OPS_TOKEN;
  expect(env().opsToken).toBe(OPS_TOKEN);
});

async function scrape(token = OPS_TOKEN): Promise<{ status: number; contentType: string | null; text: string }> {
  const response = await GET(new Request('http://127.0.0.1/api/metrics', { headers: { authorization: `Bearer ${token}` } }));
  return { status: response.status, contentType: response.headers.get('content-type'), text: await response.text() };
}

/** The value of one sample line, by its exact name and labels as prom-client writes them. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/api/metrics', () => {
  it('answers 401 without the bearer token or with another', async () => {
    expect((await GET(new Request('http://127.0.0.1/api/metrics'))).status).toBe(401);
    expect((await scrape('another-token-another-token-another')).status).toBe(401);
  });

  it('counts actions by outcome, LiveKit calls by method, webhooks by outcome, jobs, and the pending audit rows', async () => {
    expect((await listRooms()).ok).toBe(true);
    expect((await getRoom({ room: '' })).ok).toBe(false);
    const room = uniqueRoom('metrics');
    expect((await deliverJoin(webhook, room, 'viewer-1')).status).toBe(200);
    const unsigned = await webhook(new Request('http://localhost/api/livekit/webhook', { method: 'POST', body: '{}' }));
    expect(unsigned.status).toBe(401);
    await runExclusive('metrics-test:job', async () => 1);
    await insertPendingEntry(await database(), {
      at: new Date(Date.now() - 120_000),
      action: 'metrics.test',
      access: 'moderate',
      actor: null,
      target: {},
      input: {},
    });

    const { status, contentType, text } = await scrape();
    expect(status).toBe(200);
    expect(contentType).toContain('text/plain');
    expect(sample(text, 'stagekeeper_action_duration_seconds_count{action="rooms.list",outcome="ok"}')).toBe(1);
    expect(sample(text, 'stagekeeper_action_duration_seconds_count{action="rooms.get",outcome="validation"}')).toBe(1);
    expect(sample(text, 'stagekeeper_livekit_call_duration_seconds_count{method="listRooms",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'stagekeeper_webhook_deliveries_total{event="participant_joined",outcome="accepted"}')).toBe(1);
    expect(sample(text, 'stagekeeper_webhook_deliveries_total{event="unverified",outcome="refused_no_signature"}')).toBe(1);
    expect(sample(text, 'stagekeeper_webhook_lag_seconds_count')).toBe(1);
    expect(sample(text, 'stagekeeper_job_runs_total{job="metrics-test:job",outcome="ok"}')).toBe(1);
    expect(sample(text, 'stagekeeper_job_duration_seconds_count{job="metrics-test:job"}')).toBe(1);
    expect(sample(text, 'stagekeeper_audit_pending_rows')).toBe(1);
    expect(sample(text, 'stagekeeper_audit_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(120);
    expect(sample(text, 'stagekeeper_database_pool_waiting')).toBe(0);
    expect(text).toContain('stagekeeper_process_cpu_seconds_total');
  });
});
