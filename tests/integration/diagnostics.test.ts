import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET } from '@/app/api/diagnostics/route';
import { queryAudit } from '@/lib/actions/audit-store';
import { database } from '@/lib/db';
import { runExclusive } from '@/lib/db/locks';
import { env } from '@/lib/env';
import { beatHeart } from '@/lib/diagnostics/store';
import { REPLICA } from '@/lib/diagnostics/job';
import type { Check } from '@/lib/diagnostics/shared';
import { freeLiveKitPorts, freePort, REPO_ROOT, startLiveKitServer, type LiveKitPorts, type RunningLiveKit } from '../../scripts/lib/livekit-server';
import { receiveLiveKitWebhooks } from '../helpers/webhook-receiver';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

/**
 * A LiveKit of this file's own, restarted on the same ports with each misconfiguration an operator
 * makes: webhooks sent to the wrong port, then signed with another key, then wired right. The real
 * webhook route listens on the right port (receiveLiveKitWebhooks), as a running console would.
 */
const OPS_TOKEN = 'ops-token-for-the-diagnostics-test-0123';
let ports: LiveKitPorts;
let livekit: RunningLiveKit | undefined;
// This file's console listens on a port of its own: the shared test LiveKit posts to the tests' app
// port, and its late webhooks of earlier files' rooms must not count as this file's 'last delivery'.
let consolePort: number;
let receiver: Awaited<ReturnType<typeof receiveLiveKitWebhooks>>;
const rightUrl = () => `http://127.0.0.1:${consolePort}/api/livekit/webhook`;

async function restartLiveKit(phase: string, options: { webhookUrl: string; keys?: { apiKey: string; apiSecret: string } }) {
  await livekit?.stop();
  livekit = await startLiveKitServer({ ports, ...options, name: 'diagnostics', logFile: path.join(REPO_ROOT, 'test-results', 'livekit', `diagnostics-${phase}.log`) });
}

async function diagnostics({ test, token = OPS_TOKEN, host }: { test: boolean; token?: string; host?: string }) {
  const response = await GET(
    new Request(`http://127.0.0.1:${consolePort}/api/diagnostics${test ? '?test=1' : ''}`, {
      headers: { authorization: `Bearer ${token}`, ...(host && { host }) },
    }),
  );
  const body = (await response.json()) as { checks?: Check[] };
  const byId = (id: string) => body.checks?.find((check) => check.id === id);
  return { status: response.status, byId };
}

beforeAll(async () => {
  ports = await freeLiveKitPorts();
  consolePort = await freePort();
  process.env.LIVEKIT_URL = `http://127.0.0.1:${ports.http}`;
  process.env.LIVEKIT_API_KEY = 'devkey';
  process.env.LIVEKIT_API_SECRET = 'secret';
  process.env.STAGEKEEPER_OPS_TOKEN = OPS_TOKEN;
  process.env.NEXTAUTH_URL = `http://127.0.0.1:${consolePort}`;
  expect(env().livekit.apiUrl).toBe(`http://127.0.0.1:${ports.http}`);
  receiver = await receiveLiveKitWebhooks(consolePort);
});

afterAll(async () => {
  await livekit?.stop();
  await receiver?.close();
});

describe('Diagnostics: webhooks', () => {
  it('refuses without the ops token or with another one', async () => {
    expect((await GET(new Request('http://127.0.0.1/api/diagnostics'))).status).toBe(401);
    expect((await diagnostics({ test: false, token: 'not-the-ops-token-not-the-ops-token' })).status).toBe(401);
  });

  it('shows webhooks sent to the wrong port as red with the fix, and the test as an audited call', async () => {
    await restartLiveKit('wrong-port', { webhookUrl: `http://127.0.0.1:${await freePort()}/api/livekit/webhook` });
    const { status, byId } = await diagnostics({ test: true });
    expect(status).toBe(200);
    expect(byId('livekit.reachable')?.status).toBe('ok');
    expect(byId('livekit.credentials')?.status).toBe('ok');
    expect(byId('webhooks.url')).toMatchObject({ status: 'info', copy: rightUrl() });
    expect(byId('webhooks.last')?.status).toBe('fail');
    const test = byId('webhooks.test');
    expect(test?.status).toBe('fail');
    expect(test?.detail).toContain('room_started did not arrive');
    expect(test?.fix).toContain(`webhook.urls in LiveKit's config at ${rightUrl()}`);
    const audit = await queryAudit(await database(), { action: 'diagnostics.webhookTest' });
    expect(audit.rows.map((row) => [row.actorId, row.outcome])).toEqual([['ops-token', 'ok']]);
    // the test waits its full 10 s for a room_started that never comes, on a machine that may be busy
  }, 60_000);

  it('shows deliveries signed with another key as refused, and the key LiveKit must use', async () => {
    const other = { apiKey: 'otherkey', apiSecret: 'other-secret-other-secret-other-secret' };
    await restartLiveKit('other-key', { webhookUrl: rightUrl(), keys: other });
    const refusedBefore = receiver.received.filter((body) => body.includes('invalid_signature')).length;
    await directRoomService({ url: livekit!.url, ...other }).createRoom({ name: uniqueRoom('other-key') });
    await eventually(
      async () => receiver.received.filter((body) => body.includes('invalid_signature')).length,
      (refused) => refused > refusedBefore,
    );
    const { byId } = await diagnostics({ test: false });
    expect(byId('livekit.credentials')).toMatchObject({ status: 'fail' });
    expect(byId('livekit.credentials')?.fix).toContain('LIVEKIT_API_KEY and LIVEKIT_API_SECRET');
    expect(byId('webhooks.refused')?.status).toBe('fail');
    expect(byId('webhooks.refused')?.detail).toContain('other_key');
    expect(byId('webhooks.refused')?.fix).toContain('webhook.api_key');
  });

  it('shows green once LiveKit posts to the right URL with the right key', async () => {
    await restartLiveKit('fixed', { webhookUrl: rightUrl() });
    const { byId } = await diagnostics({ test: true });
    expect(byId('livekit.credentials')?.status).toBe('ok');
    expect(byId('webhooks.test')?.status).toBe('ok');
    expect(byId('webhooks.test')?.detail).toMatch(/^room_started of stagekeeper-webhook-test-[0-9a-f]{12} arrived/);
    const after = await diagnostics({ test: false });
    expect(after.byId('webhooks.last')?.status).toBe('ok');
    expect(after.byId('webhooks.last')?.detail).toMatch(/^room_started of room stagekeeper-webhook-test-[0-9a-f]{12} from 127\.0\.0\.1, received /);
  });
});

describe('Diagnostics: LiveKit server, background jobs, console', () => {
  it('says the server version is unknown and why, and whether remote unmute is on once someone is in a room', async () => {
    const before = await diagnostics({ test: false });
    expect(before.byId('livekit.version')).toMatchObject({ status: 'info', detail: expect.stringMatching(/^unknown: LiveKit tells its version only to a participant that joins/) });
    expect(before.byId('livekit.remote-unmute')).toMatchObject({ status: 'info', detail: expect.stringMatching(/^unknown: nobody is in any room to ask with/) });
    await joinParticipant({ room: uniqueRoom('diagnostics'), identity: 'member' }, { url: livekit!.url, apiKey: 'devkey', apiSecret: 'secret' });
    // this file's LiveKit runs LiveKit's default config: remote unmute off
    const after = await diagnostics({ test: false });
    expect(after.byId('livekit.remote-unmute')).toMatchObject({ status: 'info', detail: expect.stringMatching(/^off: moderators ask participants/) });
  });

  it('lists each background job with its last run, its duration and its failures on this replica', async () => {
    await runExclusive('diagnostics-test:job', async () => 1);
    await expect(runExclusive('diagnostics-test:job', () => Promise.reject(new Error('the database went away')))).rejects.toThrow();
    const failed = (await diagnostics({ test: false })).byId('jobs.diagnostics-test:job');
    expect(failed).toMatchObject({ section: 'jobs', label: 'diagnostics-test:job', status: 'fail' });
    expect(failed?.detail).toMatch(/^last run \d+ s ago, took \d+ ms, failed; 2 runs since this replica started, 1 failed \(the last \d+ s ago\)$/);
    expect(failed?.fix).toContain('"job diagnostics-test:job failed" in this replica\'s log');
    await runExclusive('diagnostics-test:job', async () => 1);
    const recovered = (await diagnostics({ test: false })).byId('jobs.diagnostics-test:job');
    expect(recovered).toMatchObject({ status: 'ok', detail: expect.stringContaining('ok; 3 runs since this replica started, 1 failed') });
  });

  it('checks NEXTAUTH_URL against the address the page was reached on, and HTTPS', async () => {
    const here = `http://127.0.0.1:${consolePort}`;
    const local = await diagnostics({ test: false });
    expect(local.byId('console.public-url')).toMatchObject({ status: 'ok', detail: `${here}, as this page was reached` });
    expect(local.byId('console.https')).toMatchObject({ status: 'ok', detail: 'plain HTTP on this machine only' });
    const elsewhere = await diagnostics({ test: false, host: 'console.example.org' });
    expect(elsewhere.byId('console.public-url')).toMatchObject({ status: 'fail', detail: `${here}, but this page was reached on http://console.example.org` });
    expect(elsewhere.byId('console.public-url')?.fix).toContain('Set NEXTAUTH_URL=http://console.example.org');
    expect(elsewhere.byId('console.https')).toMatchObject({ status: 'fail', detail: 'reached over plain HTTP on http://console.example.org' });
  });
});

/** The diagnostics route on a port of its own, as the running console serves it, for the doctor to ask. */
async function serveDiagnostics(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = createServer(async (request, response) => {
    const answer = await GET(new Request(`http://127.0.0.1${request.url ?? '/'}`, { headers: { authorization: request.headers.authorization ?? '' } }));
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('npm run doctor', () => {
  it('prints the same checks, green and red with the fix, and exits 1 while one is red', async () => {
    // what a started console does every 15 s (lib/diagnostics/job.ts)
    await beatHeart(await database(), REPLICA);
    const served = await serveDiagnostics();
    try {
      const run = await promisify(execFile)('npx', ['tsx', 'scripts/doctor.ts', '--url', served.url], {
        cwd: REPO_ROOT,
        env: { ...process.env, STAGEKEEPER_OPS_TOKEN: OPS_TOKEN },
      }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
      expect(run.stdout).toMatch(/✔ Test delivery: room_started of stagekeeper-webhook-test-/);
      expect(run.stdout).toContain(`✔ Replica ${REPLICA.id}: version`);
      // the other-key deliveries of the test above stay counted for an hour
      expect(run.stdout).toMatch(/✘ Refused deliveries: \d+ in the last hour \(other_key: \d+\)\n {6}fix: Set webhook.api_key/);
      expect(run.code).toBe(1);
    } finally {
      await served.close();
    }
  }, 60_000);
});
