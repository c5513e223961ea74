/**
 * LiveKit calls, counted: `npm run bench -- api` (or `npx tsx --tsconfig bench/tsconfig.server.json
 * bench/api-calls.ts`). A real LiveKit, its webhooks handed to the dashboard's own route, and the
 * counting proxy of the tests (tests/helpers/livekit-counter) between the dashboard's code (loaded
 * outside Next, on a throwaway PGlite, as the integration tests load it) and LiveKit. Prints calls per
 * single action by kind (floor 2: one read, one write), per bulk target (floor 1 + 1/N: one listing,
 * one write each), and per idle room-minute over 20 simulated minutes of the background jobs as
 * lib/startup runs them (target ≤ 0.1), on one replica and then on two. Counts, not times.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeLiveKitPorts, freePort, REPO_ROOT, startLiveKitServer } from '../scripts/lib/livekit-server';
import { RealParticipant } from '../scripts/lib/participant';
import { startLiveKitCounter } from '../tests/helpers/livekit-counter';

const BULK_TARGETS = 10;
const IDLE_ROOMS = 4;
const SIMULATED_MINUTES = 20;
const INTERVAL_MS = 30_000;

const webhookPort = await freePort();
const livekit = await startLiveKitServer({
  ports: await freeLiveKitPorts(),
  webhookUrl: `http://127.0.0.1:${webhookPort}/api/livekit/webhook`,
  enableRemoteUnmute: true,
  logFile: path.join(REPO_ROOT, 'test-results', 'bench-api-livekit.log'),
});
const counter = await startLiveKitCounter(livekit.url);
const dataDir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-bench-api-'));
Object.assign(process.env, {
  STAGEKEEPER_DATA_DIR: dataDir,
  LIVEKIT_URL: counter.url,
  LIVEKIT_API_KEY: livekit.apiKey,
  LIVEKIT_API_SECRET: livekit.apiSecret,
});
delete process.env.DATABASE_URL;
delete process.env.STAGEKEEPER_LIVEKIT_CALLS_PER_MINUTE;

const { database } = await import('@/lib/db');
const { installActionGate, roleGate } = await import('@/lib/actions/gate');
const { databaseAuditSink } = await import('@/lib/actions/audit-store');
const participants = await import('@/lib/participants/actions');
const { demoteAllSpeakers } = await import('@/lib/bulk/actions');
const { banParticipant } = await import('@/lib/bans/actions');
const { setRoomAccessMode } = await import('@/lib/access/actions');
const { sweepBans } = await import('@/lib/bans/job');
const { sweepLockedRooms } = await import('@/lib/access/job');
const { sampleAllRooms, QUIET_SAMPLE_EVERY_MS } = await import('@/lib/activity/job');
const { RoomChecks } = await import('@/lib/room-checks');
const { forgetListing } = await import('@/lib/livekit');
const { versionOf, attributeVersion } = await import('@/lib/actions/versions');
const { POST: webhook } = await import('@/app/api/livekit/webhook/route');
const { remoteUnmuteAllowedIn } = await import('@/lib/unmute-requests/policy-service');

const admin = { id: 'bench-admin', email: 'bench@stagekeeper.local', role: 'admin' as const, label: 'Bench' };
installActionGate(roleGate({ currentActor: async () => admin, sink: databaseAuditSink(database) }));

// LiveKit's webhooks reach the dashboard's route, as in a deployment; `delivered` counts them by room and event
const delivered = new Map<string, number>();
const deliveredKey = (room: string, event: string) => `${room}\n${event}`;
const countIn = (counts: Map<string, number>, room: string, event: string) => counts.set(deliveredKey(room, event), (counts.get(deliveredKey(room, event)) ?? 0) + 1);
const webhooks = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    const { event, room } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { event?: string; room?: { name?: string } };
    if (event && room?.name) countIn(delivered, room.name, event);
    const headers = Object.entries(request.headers).flatMap(([name, value]): Array<[string, string]> => (typeof value === 'string' ? [[name, value]] : []));
    const answer = await webhook(new Request(`http://127.0.0.1${request.url ?? '/'}`, { method: 'POST', headers, body: Buffer.concat(chunks) }));
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(await answer.text());
  });
});
await new Promise<void>((resolve) => webhooks.listen(webhookPort, '127.0.0.1', resolve));

const joined: RealParticipant[] = [];
/** per room, the webhooks its joins make LiveKit send: participant_joined for each, track_published for each tone */
const expected = new Map<string, number>();
const expectWebhook = (room: string, event: string) => countIn(expected, room, event);
const join = async (room: string, identity: string, canPublish = false, publishTone = false) => {
  const participant = await RealParticipant.join(livekit, { room, identity, grant: { canPublish }, publishTone });
  joined.push(participant);
  expectWebhook(room, 'participant_joined');
  if (publishTone) expectWebhook(room, 'track_published');
  return participant;
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const allDelivered = (room: string) =>
  [...expected].every(([key, count]) => !key.startsWith(`${room}\n`) || (delivered.get(key) ?? 0) >= count);
/**
 * The join and track webhooks' activity samples are a join's cost, not the action's: until every
 * such webhook has come (LiveKit sent the first join's 13 s late in a run of 2 Dec) and the room is
 * then silent for 3 s.
 */
const settle = async (...rooms: string[]) => {
  for (let waited = 0; !rooms.every(allDelivered); waited += 100) {
    if (waited > 60_000) throw new Error(`the join webhooks of ${rooms.join(', ')} did not all come within 60 s`);
    await sleep(100);
  }
  for (let attempt = 0; attempt < 10; attempt += 1) {
    counter.reset();
    await sleep(3_000);
    if (rooms.every((room) => Object.keys(counter.callsFor(room)).length === 0)) return;
  }
};
const ok = (result: { ok: boolean }, what: string) => {
  if (!result.ok) throw new Error(`${what} failed: ${JSON.stringify(result)}`);
};

interface Row {
  figure: string;
  target: string;
  measured: number;
  detail: string;
}
const rows: Row[] = [];
const describe = (calls: Record<string, number>) =>
  Object.entries(calls)
    .sort()
    .map(([method, count]) => `${method} ${count}`)
    .join(', ');

async function single(kind: string, room: string, act: () => Promise<{ ok: boolean }>) {
  counter.reset();
  ok(await act(), kind);
  const calls = counter.callsFor(room);
  rows.push({ figure: `single action: ${kind}`, target: '2 (floor)', measured: Object.values(calls).reduce((a, b) => a + b, 0), detail: describe(calls) });
}

try {
  const room = `bench-api-${randomBytes(3).toString('hex')}`;
  await join(room, 'member');
  const speaker = await join(room, 'speaker', true, true);
  await settle(room);
  const trackSid = [...speaker.room.localParticipant!.trackPublications.values()][0]!.sid!;

  await single('promote (first action of the process)', room, () => participants.promoteToSpeaker({ room, identity: 'member' }));
  await single('demote', room, () => participants.demoteToAudience({ room, identity: 'member' }));
  await single('promote', room, () => participants.promoteToSpeaker({ room, identity: 'member' }));
  await single('demote again', room, () => participants.demoteToAudience({ room, identity: 'member' }));
  await single('permissions', room, () => participants.setPermissions({ room, identity: 'member', permission: { canSubscribe: false } }));
  await single('preset', room, () => participants.applyStagePreset({ room, identity: 'member', preset: 'cohost' }));
  await single('metadata', room, () => participants.updateMetadata({ room, identity: 'member', metadata: '{"a":1}', basedOn: versionOf('') }));
  await single('attributes', room, () =>
    participants.updateAttributes({ room, identity: 'member', set: { team: 'red' }, remove: [], basedOn: { team: attributeVersion({}, 'team') } }),
  );
  await single('name', room, () => participants.updateName({ room, identity: 'member', name: 'Renamed', basedOn: versionOf('') }));
  // whether a mute can be undone is probed once a minute per process (one MutePublishedTrack), not per mute
  counter.reset();
  await remoteUnmuteAllowedIn(room, 'speaker');
  rows.push({ figure: 'remote-unmute probe, once a minute', target: '1', measured: counter.total(), detail: describe(counter.calls()) });
  await single('mute', room, () => participants.muteTrack({ room, identity: 'speaker', trackSid }));
  await single('kick', room, () => participants.removeParticipant({ room, identity: 'speaker' }));

  const bulkRoom = `bench-api-bulk-${randomBytes(3).toString('hex')}`;
  for (let i = 0; i < BULK_TARGETS; i += 1) await join(bulkRoom, `speaker-${i}`, true);
  await settle(bulkRoom);
  counter.reset();
  const demoted = await demoteAllSpeakers({ room: bulkRoom });
  ok(demoted, 'demote all speakers');
  const bulkCalls = counter.callsFor(bulkRoom);
  const bulkTotal = Object.values(bulkCalls).reduce((a, b) => a + b, 0);
  rows.push({
    figure: `bulk demote, per target (N=${BULK_TARGETS})`,
    target: `${(1 + 1 / BULK_TARGETS).toFixed(2)} (floor 1 + 1/N)`,
    measured: bulkTotal / BULK_TARGETS,
    detail: describe(bulkCalls),
  });

  // idle rooms of two participants each: one plain, one with a ban that applies, one locked, one both
  const idle = Array.from({ length: IDLE_ROOMS }, (_, i) => `bench-api-idle-${i}-${randomBytes(3).toString('hex')}`);
  for (const name of idle) {
    await join(name, 'host');
    await join(name, 'guest');
  }
  ok(await banParticipant({ room: idle[1]!, identity: 'troll' }), 'ban');
  ok(await banParticipant({ room: idle[3]!, identity: 'troll' }), 'ban');
  ok(await setRoomAccessMode({ room: idle[2]!, mode: 'locked' }), 'lock');
  ok(await setRoomAccessMode({ room: idle[3]!, mode: 'locked' }), 'lock');
  await settle(...idle);

  // the three periodic jobs as lib/startup runs them (every 30 s, together), on a simulated clock
  const started = Date.now();
  let simulated = started;
  const clock = () => simulated;
  const bans = new RoomChecks(undefined, clock);
  const locks = new RoomChecks(undefined, clock);
  const rounds = (SIMULATED_MINUTES * 60_000) / INTERVAL_MS;
  // the rounds run back to back: a listing shared for a second of real time (lib/livekit/shared-listing)
  // must not serve the next simulated round, 30 s later, nor the other replica, another process
  const runJobs = (checks: { bans: InstanceType<typeof RoomChecks>; locks: InstanceType<typeof RoomChecks> }) => {
    idle.forEach(forgetListing);
    return Promise.all([sweepBans(checks.bans), sweepLockedRooms(checks.locks), sampleAllRooms({ quietAfterMs: QUIET_SAMPLE_EVERY_MS, now: clock })]);
  };
  // the replica's first round looks at every room once: a start's cost, left out of the idle figure
  await Promise.all([sweepBans(bans), sweepLockedRooms(locks), sampleAllRooms({ quietAfterMs: QUIET_SAMPLE_EVERY_MS, now: clock })]);
  counter.reset();
  for (let round = 1; round <= rounds; round += 1) {
    simulated = started + round * INTERVAL_MS;
    await runJobs({ bans, locks });
  }
  const labels = ['plain', 'banned', 'locked', 'banned + locked'];
  const idleFigures = (replicas: string) =>
    idle.forEach((name, i) => {
      const calls = counter.callsFor(name);
      const total = Object.values(calls).reduce((a, b) => a + b, 0);
      rows.push({
        figure: `idle room-minute${replicas}: ${labels[i]}`,
        target: '≤ 0.1',
        measured: total / SIMULATED_MINUTES,
        detail: `${describe(calls) || 'nothing'} in ${SIMULATED_MINUTES} min`,
      });
    });
  idleFigures('');
  const listRooms = counter.calls().ListRooms ?? 0;
  rows.push({
    figure: 'ListRooms per minute, for all rooms',
    target: '(amortised)',
    measured: listRooms / SIMULATED_MINUTES,
    detail: `${listRooms} in ${SIMULATED_MINUTES} min (sampler always; ban sweep while bans exist; locked sweep while a room is locked)`,
  });

  // the same minutes again with a second replica running the same loops (its own checks, the same database)
  const other = { bans: new RoomChecks(undefined, clock), locks: new RoomChecks(undefined, clock) };
  const resumed = simulated;
  counter.reset();
  for (let round = 1; round <= rounds; round += 1) {
    simulated = resumed + round * INTERVAL_MS;
    for (const replica of [{ bans, locks }, other]) await runJobs(replica);
  }
  idleFigures(', two replicas');

  console.log(`\nLiveKit calls — ${new Date().toISOString()}, LiveKit ${livekit.url} through a counting proxy, PGlite`);
  const width = Math.max(...rows.map((row) => row.figure.length));
  console.log(`${'figure'.padEnd(width)}  ${'target'.padEnd(22)}  measured  calls`);
  for (const row of rows) {
    console.log(`${row.figure.padEnd(width)}  ${row.target.padEnd(22)}  ${row.measured.toFixed(2).padStart(8)}  ${row.detail}`);
  }
} finally {
  await Promise.all(joined.map((participant) => participant.leave().catch(() => undefined)));
  webhooks.close();
  await counter.close();
  await livekit.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
