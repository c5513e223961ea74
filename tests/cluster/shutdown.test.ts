import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import { startPublisher, type RunningPublisher } from '../../bench/lib/go-publisher';
import { builtAction, postAction, signInOverHttp } from '../helpers/app-http';
import { launchChromium } from '../helpers/browser';
import { act, auditRows, clusterDatabase, clusterState, control, describeCluster, livekitTarget, pinRoom, replica, roomService, settledTracks, signIn } from '../helpers/cluster';
import { eventually, uniqueRoom } from '../helpers/participants';

/**
 * 200 participants with one published audio track each, from the Go publisher (pre-encoded Opus
 * silence, one frame per 400 ms as DTX sends: a fraction of a core for all of them).
 */
const PARTICIPANTS = 200;
/**
 * The replicas' STAGEKEEPER_SHUTDOWN_SECONDS (scripts/lib/cluster/replicas.ts): it must exit by itself
 * within it. Not the default 20: on this 2-core machine shared with other runs, the rest of a bulk of
 * ~200 mutes took 7.5 to 26 s after the SIGTERM (seven runs; 26 s at a load average of 25), more than 20.
 */
const SHUTDOWN_SECONDS = 45;
/** LiveKit did not answer in time (the cluster's 5 s bound): the mute may or may not have happened */
const UNCONFIRMED = ['timeout', 'unreachable'];

let publisher: RunningPublisher | undefined;
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
  await publisher?.stop();
  for (const backend of ['replicas', 'replica_streams']) await control({ op: 'haproxy', command: `set server ${backend}/r2 state ready` });
  if (!(await clusterState()).replicas.find((r) => r.name === '1')?.running) await control({ op: 'restart', target: 'replica:1' });
});

/** HAProxy sends nothing new to r2 (or back to it): what the page and the bulk open lands on replica 1. */
async function setReplica2(state: 'drain' | 'ready') {
  for (const backend of ['replicas', 'replica_streams']) await control({ op: 'haproxy', command: `set server ${backend}/r2 state ${state}` });
}

interface StreamOpened {
  servedBy: string | undefined;
  status: number;
  at: number;
}

async function openRoomPage(baseUrl: string, cookie: string, room: string, streams: StreamOpened[]): Promise<Page> {
  browser ??= await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addCookies(
    cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return { name: name!, value: value.join('='), url: baseUrl };
    }),
  );
  const page = await context.newPage();
  page.on('response', (response) => {
    if (new URL(response.url()).pathname === '/api/rooms/stream') {
      streams.push({ servedBy: response.headers()['x-served-by'], status: response.status(), at: Date.now() });
    }
  });
  await page.goto(`${baseUrl}/rooms/${encodeURIComponent(room)}`);
  await page.locator('[data-live-status="live"]').waitFor({ timeout: 90_000 });
  return page;
}

const claimBadge = (page: Page, identity: string) => page.locator(`tr[data-identity="${identity}"] [data-claim="participant"]`);

describeCluster('replica 1 stopped with SIGTERM in the middle of a bulk mute of 200 participants', () => {
  it('drains: no audit row lost or left pending, new requests go to replica 2, the page reconnects there, nothing of replica 1 held', { timeout: 600_000 }, async () => {
    const state = await clusterState();
    const room = uniqueRoom('drain');
    await pinRoom(state, room, 'B');
    publisher = await startPublisher(livekitTarget(state, 'B'), { room, participants: PARTICIPANTS, tracksEach: 1, frameEveryMs: 400, readyTimeoutMs: 240_000 });
    const service = roomService(state, 'A');
    const listing = async () => (await service.listParticipants(room)).map((p) => ({ identity: p.identity, tracks: p.tracks }));
    const tracks = async () => (await listing()).flatMap((p) => p.tracks.map((track) => ({ ...track, identity: p.identity })));
    // LiveKit 1.13.5 now and then lists fewer tracks than were published (see replica-crash.test.ts): the
    // bulk and this test take what it lists, once the listing stops changing, and the count is logged
    let listedBefore = -1;
    const { before, participants } = await eventually(
      async () => {
        const now = await listing();
        const before = now.flatMap((p) => p.tracks.map((track) => ({ ...track, identity: p.identity })));
        const settled = before.length === listedBefore;
        listedBefore = before.length;
        return { before, participants: now.length, settled };
      },
      ({ before, participants, settled }) => settled && participants === PARTICIPANTS && before.length > 0 && before.every((track) => !track.muted),
      { timeoutMs: 240_000, intervalMs: 3_000 },
    );
    console.log(`[shutdown] ${participants} participants, ${before.length} audio tracks listed`);
    expect(before.length).toBeGreaterThanOrEqual(PARTICIPANTS * 0.9);

    const balancer = state.dashboardUrl;
    const one = replica(state, '1').url;
    const cookie = await signIn(balancer, state);
    const db = clusterDatabase(state);

    // the moderator's page, its event stream and the bulk request all on replica 1
    await setReplica2('drain');
    const streams: StreamOpened[] = [];
    const page = await openRoomPage(balancer, cookie, room, streams);
    await eventually(async () => streams, (seen) => seen.some((s) => s.status === 200 && s.servedBy === 'r1'), { timeoutMs: 30_000 });
    const [first, second] = await page.locator('tr[data-identity]').evaluateAll((rows) => rows.slice(0, 2).map((row) => row.getAttribute('data-identity')!));
    // a colleague's claim, made through replica 1 (the moderator's own would be released by the bulk: they act on them)
    const colleague = { email: `colleague-${Date.now()}@cluster.local`, password: randomBytes(12).toString('hex') };
    expect(await act(balancer, cookie, 'createAccount', { ...colleague, role: 'moderator' })).toMatchObject({ result: { ok: true } });
    const colleagueCookie = await signInOverHttp(balancer, colleague.email, colleague.password);
    expect(await act(balancer, colleagueCookie, 'claimTarget', { kind: 'participant', room, identity: first })).toMatchObject({ result: { ok: true } });
    await claimBadge(page, first!).waitFor({ timeout: 30_000 });
    const bulk = postAction(balancer, builtAction('muteAllButHosts'), [{ room }], { cookie }).catch((error: Error) => error);
    await eventually(tracks, (listed) => listed.some((track) => track.muted), { timeoutMs: 60_000, intervalMs: 20 });
    await setReplica2('ready');

    // SIGTERM while the bulk runs on replica 1
    const signalledAt = Date.now();
    const stopped = control<{ exited: { code: number | null; signal: string | null } }>({ op: 'kill', target: 'replica:1', signal: 'SIGTERM' });
    // the signal is delivered by the control endpoint: replica 1 answers 503 from then on
    const health = () =>
      fetch(`${one}/api/health`).then(
        (response) => ({ status: response.status, retryAfter: response.headers.get('retry-after') }),
        (error: Error) => ({ status: 0, retryAfter: String(error.cause ?? error) }),
      );
    const direct = await eventually(health, (answer) => answer.status !== 200, { timeoutMs: 30_000, intervalMs: 50 });
    expect.soft(direct).toEqual({ status: 503, retryAfter: expect.stringMatching(/^\d+$/) });
    // it landed in the middle of the bulk
    expect.soft((await tracks()).filter((track) => track.muted).length).toBeLessThan(before.length);
    // new requests through HAProxy meanwhile: those it sends to replica 1 must be retried on replica 2
    const retried = async () => {
      const stat = await control<string>({ op: 'haproxy', command: 'show stat' });
      const backend = stat.split('\n').find((line) => line.startsWith('replicas,BACKEND,'))!.split(',');
      return { retries: Number(backend[15]), redispatches: Number(backend[16]) };
    };
    const retriedBefore = await retried();
    const during = await Promise.all(Array.from({ length: 20 }, () => postAction(balancer, builtAction('listRooms'), [], { cookie })));
    console.log(`[shutdown] HAProxy during the drain: ${JSON.stringify(retriedBefore)} → ${JSON.stringify(await retried())} (retries, redispatches)`);
    expect.soft(during.map((response) => `${response.status} ${response.result?.ok}`)).toEqual(during.map(() => '200 true'));

    const { exited } = await stopped;
    const exitedAfterMs = Date.now() - signalledAt;
    console.log(`[shutdown] replica 1 exited ${JSON.stringify(exited)} ${exitedAfterMs} ms after SIGTERM`);
    // it ended by itself (Next's own handler would answer 143 at once), within the bound
    expect.soft(exited).toEqual({ code: 0, signal: null });
    expect.soft(exitedAfterMs).toBeLessThan((SHUTDOWN_SECONDS + 5) * 1000);

    // the moderator gets the bulk's answer from the replica that ran it
    const answered = await bulk;
    expect.soft(answered instanceof Error ? `${answered.message}: ${String(answered.cause)}` : answered.status).toBe(200);
    if (!(answered instanceof Error)) expect.soft(answered.result).toMatchObject({ ok: true, data: { total: before.length } });

    const settled = await settledTracks(tracks);
    const muted = new Set(settled.filter((track) => track.muted).map((track) => track.sid));
    const rows = await auditRows(state, { room, action: 'tracks.mute' });
    // every track the bulk touched has its row, none left pending, and each row says what LiveKit shows
    expect.soft(rows.filter((row) => row.outcome === 'pending' || row.outcome === 'interrupted')).toEqual([]);
    expect.soft(new Set(rows.map((row) => row.target_track))).toEqual(new Set(before.map((track) => track.sid)));
    expect.soft(rows.filter((row) => row.outcome === 'ok' && !muted.has(row.target_track!)).map((row) => row.target_track)).toEqual([]);
    // a muted track without an ok row is one whose call LiveKit did not confirm in time: its row says so
    const mutedUnconfirmed = rows.filter((row) => row.outcome !== 'ok' && muted.has(row.target_track!));
    console.log(`[shutdown] ${rows.length} tracks.mute rows: ${rows.filter((row) => row.outcome === 'ok').length} ok, ${mutedUnconfirmed.length} failed unconfirmed but muted in LiveKit`);
    expect.soft(mutedUnconfirmed.filter((row) => !UNCONFIRMED.includes(row.error_code ?? '')).map((row) => `${row.target_track} ${row.error_code}`)).toEqual([]);
    const [bulkRow] = await auditRows(state, { room, action: 'bulk.muteAllButHosts' });
    expect.soft(bulkRow?.outcome).toBe('ok');

    // nothing of replica 1 is left in PostgreSQL: its connections, and with them its session advisory locks, are gone
    const { rows: left } = await db.query(`select pid, state, query from pg_stat_activity where application_name = 'stagekeeper-replica-1'`);
    expect.soft(left).toEqual([]);
    const identities = [...new Set(before.map((track) => track.identity))];
    const { rows: taken } = await db.query<{ locked: boolean }>(
      `select pg_try_advisory_lock(hashtext(k), hashtext(reverse(k))) as locked from unnest($1::text[]) as k`,
      [identities.map((identity) => `participant:${room}:${identity}`)],
    );
    expect.soft(taken.filter((row) => !row.locked)).toEqual([]);
    await db.query('select pg_advisory_unlock_all()');

    // the page reconnected by itself to replica 2, and shows a change made after the stop
    await eventually(async () => streams, (seen) => seen.some((s) => s.at > signalledAt && s.status === 200 && s.servedBy === 'r2'), { timeoutMs: 30_000 });
    expect(await act(balancer, cookie, 'claimTarget', { kind: 'participant', room, identity: second })).toMatchObject({ result: { ok: true } });
    await claimBadge(page, second!).waitFor({ timeout: 20_000 });
    // claims are the moderators', not the replica's: the colleague's, made through replica 1, stands until released or expired
    await expect(claimBadge(page, first!).count()).resolves.toBe(1);
    // the page's presence beats through replica 2 now
    const [{ now }] = (await db.query<{ now: Date }>('select now() as now')).rows as [{ now: Date }];
    await eventually(
      async () => (await db.query<{ last: Date | null }>('select max(last_seen) as last from moderator_presence where room = $1', [room])).rows[0]?.last,
      (last) => last !== null && last !== undefined && last > now,
      { timeoutMs: 30_000 },
    );
  });
});
