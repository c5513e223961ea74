import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import pg from 'pg';
import { startCluster, type Cluster } from '../scripts/lib/cluster';
import { REPO_ROOT } from '../scripts/lib/livekit-server';
import { RealParticipant } from '../scripts/lib/participant';
import { builtAction, postAction, signInOverHttp } from '../tests/helpers/app-http';
import { startPublisher, type RunningPublisher } from './lib/go-publisher';
import { ms, percentile, printReport } from './stats';

const MODERATORS = 20;
const ACTIONS_PER_SECOND = 5;
const DURATION_MS = 60_000;
/** per room: audience members to promote, demote and edit; publishers whose tracks get muted */
const AUDIENCE = 15;
const PUBLISHERS = 5;
const ACTIONS = ['promoteToSpeaker', 'demoteToAudience', 'muteTrack', 'updateMetadata', 'updateAttributes'] as const;
type ActionName = (typeof ACTIONS)[number];

interface Target {
  room: string;
  identity: string;
  trackSid?: string;
}

/**
 * 20 moderators, each signed in with a session of its own, send mixed actions through HAProxy to
 * both replicas at 5 actions/s each for 60 s, on rooms with real participants on both LiveKit nodes.
 */
export async function benchModerators(): Promise<void> {
  const cluster = await startCluster({
    logDir: path.join(REPO_ROOT, 'test-results', 'bench-cluster'),
    log: (line) => console.log(`[cluster] ${line}`),
  });
  const crowd: RealParticipant[] = [];
  const publishers: RunningPublisher[] = [];
  try {
    const targets = await populateRooms(cluster, crowd, publishers);
    const cookies = await moderatorSessions(cluster);
    const built = new Map(ACTIONS.map((action) => [action, builtAction(action)]));
    const dashboard = await drive(cookies.length, targets, async (action, target, n, moderator) => {
      const { result, status } = await postAction(cluster.dashboardUrl, built.get(action)!, [inputFor(action, target, n)], { cookie: cookies[moderator] });
      return result ? (result.ok ? 'ok' : result.error!.code) : `http_${status}`;
    });
    const audited = await auditedSince(cluster, dashboard.startedAt);
    const floor = await drive(cookies.length, targets, straightToLiveKit(cluster));
    report(dashboard, audited, floor);
  } finally {
    await Promise.allSettled(crowd.map((member) => member.leave()));
    await Promise.allSettled(publishers.map((publisher) => publisher.stop()));
    await cluster.stop();
  }
}

async function populateRooms(cluster: Cluster, crowd: RealParticipant[], publishers: RunningPublisher[]): Promise<Target[]> {
  const service = new RoomServiceClient(cluster.livekitUrl, cluster.keys.apiKey, cluster.keys.apiSecret);
  const target = { url: cluster.livekitUrl, ...cluster.keys };
  const targets: Target[] = [];
  for (const node of cluster.nodes) {
    const room = `bench-moderators-${node.name.toLowerCase()}`;
    await service.createRoom({ name: room, nodeId: node.id });
    for (let i = 0; i < AUDIENCE; i += 1) {
      const identity = `listener-${i + 1}`;
      crowd.push(await RealParticipant.join(target, { room, identity, grant: { canPublish: false, canUpdateOwnMetadata: true } }));
      targets.push({ room, identity });
    }
    const publisher = await startPublisher(target, { room, participants: PUBLISHERS, tracksEach: 1, frameEveryMs: 400 });
    publishers.push(publisher);
    for (const { identity, tracks } of publisher.participants) targets.push({ room, identity, trackSid: tracks[0] });
  }
  return targets;
}

async function moderatorSessions(cluster: Cluster): Promise<string[]> {
  const admin = await signInOverHttp(cluster.dashboardUrl, cluster.shared.admin.email, cluster.shared.admin.password);
  const cookies: string[] = [];
  for (let i = 0; i < MODERATORS; i += 1) {
    const account = { email: `bench-moderator-${i + 1}@cluster.local`, password: randomBytes(12).toString('hex') };
    const created = await postAction(cluster.dashboardUrl, builtAction('createAccount'), [{ ...account, role: 'moderator' }], { cookie: admin });
    if (!created.result?.ok) throw new Error(`could not create ${account.email}: ${created.body.slice(0, 200)}`);
    cookies.push(await signInOverHttp(cluster.dashboardUrl, account.email, account.password));
  }
  return cookies;
}

interface Sample {
  action: ActionName;
  ms: number;
  code: string;
}

function inputFor(action: ActionName, target: Target, n: number): unknown {
  const { room, identity } = target;
  switch (action) {
    case 'muteTrack':
      return { room, identity, trackSid: target.trackSid };
    case 'updateMetadata':
      return { room, identity, metadata: { benchRound: n } };
    case 'updateAttributes':
      return { room, identity, set: { 'bench.round': String(n) } };
    default:
      return { room, identity };
  }
}

type Issue = (action: ActionName, target: Target, n: number, moderator: number) => Promise<string>;

interface Run {
  samples: Sample[];
  issued: number;
  startedAt: Date;
  elapsedMs: number;
}

/** Open loop: every moderator issues an action every 200 ms whether or not the last one has answered. */
async function drive(moderators: number, targets: Target[], issue: Issue): Promise<Run> {
  const withTracks = targets.filter((target) => target.trackSid);
  const audience = targets.filter((target) => !target.trackSid);
  const samples: Sample[] = [];
  const inFlight: Promise<void>[] = [];
  const startedAt = new Date();
  const started = performance.now();
  let issued = 0;
  await Promise.all(
    Array.from({ length: moderators }, async (_, moderator) => {
      for (let n = 0; ; n += 1) {
        const due = started + (n * 1000) / ACTIONS_PER_SECOND + (moderator * 1000) / ACTIONS_PER_SECOND / moderators;
        if (due - started >= DURATION_MS) return;
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
        const action = ACTIONS[Math.floor(Math.random() * ACTIONS.length)]!;
        const pool = action === 'muteTrack' ? withTracks : audience;
        const target = pool[Math.floor(Math.random() * pool.length)]!;
        issued += 1;
        const sent = performance.now();
        inFlight.push(
          issue(action, target, n, moderator).then(
            (code) => void samples.push({ action, ms: performance.now() - sent, code }),
            () => void samples.push({ action, ms: performance.now() - sent, code: 'network' }),
          ),
        );
      }
    }),
  );
  await Promise.all(inFlight);
  return { samples, issued, startedAt, elapsedMs: performance.now() - started };
}

/**
 * The floor: the same schedule and mix with each action's LiveKit calls made straight from here,
 * one `GetParticipant` then the write, as the dashboard makes them (`npm run bench -- api`: 2 per action).
 */
function straightToLiveKit(cluster: Cluster): Issue {
  const service = new RoomServiceClient(cluster.livekitUrl, cluster.keys.apiKey, cluster.keys.apiSecret);
  return async (action, { room, identity, trackSid }, n) => {
    await service.getParticipant(room, identity);
    switch (action) {
      case 'muteTrack':
        await service.mutePublishedTrack(room, identity, trackSid!, true);
        break;
      case 'updateMetadata':
        await service.updateParticipant(room, identity, { metadata: JSON.stringify({ benchRound: n }) });
        break;
      case 'updateAttributes':
        await service.updateParticipant(room, identity, { attributes: { 'bench.round': String(n) } });
        break;
      default:
        await service.updateParticipant(room, identity, { permission: { canPublish: action === 'promoteToSpeaker', canSubscribe: true, canPublishData: true } });
    }
    return 'ok';
  };
}

async function auditedSince(cluster: Cluster, since: Date): Promise<number> {
  const client = new pg.Client({ connectionString: cluster.shared.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string }>(
      "select count(*) from audit_entries where actor_email like 'bench-moderator-%' and at >= $1 and action <> 'rooms.list'",
      [since],
    );
    return Number(rows[0]!.count);
  } finally {
    await client.end();
  }
}

const okRate = ({ samples, elapsedMs }: Pick<Run, 'samples' | 'elapsedMs'>) => samples.filter((sample) => sample.code === 'ok').length / (elapsedMs / 1000);

function report({ samples, issued, elapsedMs }: Run, audited: number, floor: Run) {
  const errors = new Map<string, number>();
  for (const sample of samples) if (sample.code !== 'ok') errors.set(sample.code, (errors.get(sample.code) ?? 0) + 1);
  const unexpected = [...errors].filter(([code]) => code !== 'conflict').reduce((total, [, count]) => total + count, 0);
  const rate = okRate({ samples, elapsedMs });
  const floorRate = okRate(floor);
  const floorTimes = floor.samples.map((sample) => sample.ms);
  printReport(`${MODERATORS} moderators × ${ACTIONS_PER_SECOND} actions/s for ${DURATION_MS / 1000} s through HAProxy, 2 replicas, 2 LiveKit nodes`, [
    { name: 'actions issued / answered', figure: `${issued} / ${samples.length}` },
    {
      name: 'throughput: answered ok ÷ time to the last answer',
      figure: `${rate.toFixed(1)} actions/s (offered: ${ACTIONS_PER_SECOND * MODERATORS}/s, last answer after ${(elapsedMs / 1000).toFixed(0)} s)`,
    },
    {
      name: 'floor: the same mix straight to LiveKit (get + write each), same schedule',
      figure: `${floorRate.toFixed(1)} actions/s, last answer after ${(floor.elapsedMs / 1000).toFixed(0)} s, p50 / p95 ${ms(percentile(floorTimes, 50))} / ${ms(percentile(floorTimes, 95))}, ${floor.samples.length - floor.samples.filter((sample) => sample.code === 'ok').length} failed`,
    },
    { name: 'answered rate ÷ floor rate', figure: (rate / floorRate).toFixed(2), target: '≥ 0.8', met: rate / floorRate >= 0.8 },
    ...ACTIONS.map((action) => {
      const times = samples.filter((sample) => sample.action === action).map((sample) => sample.ms);
      return {
        name: `${action}: p50 / p95 / p99 (${times.length})`,
        figure: `${ms(percentile(times, 50))} / ${ms(percentile(times, 95))} / ${ms(percentile(times, 99))}`,
      };
    }),
    {
      name: 'errors by code',
      figure: errors.size === 0 ? 'none' : [...errors].map(([code, count]) => `${code}: ${count}`).join(', '),
      target: '0 other than conflict',
      met: unexpected === 0,
    },
    { name: 'audit rows for those actions', figure: String(audited), target: `${issued} (0 lost)`, met: audited === issued },
  ]);
}
