import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import { startCluster, type Cluster } from './lib/cluster';
import { followLog } from './lib/cluster/follow-log';
import { HAPROXY } from './lib/cluster/haproxy';
import { postgresBinDir } from './lib/cluster/postgres';
import { REDIS_SERVER } from './lib/cluster/redis';
import { DEMO_ROOM } from './lib/demo-crowd';
import { ensureLiveKitServer, LIVEKIT_HOME, REPO_ROOT } from './lib/livekit-server';

const LOG_DIR = path.join(LIVEKIT_HOME, 'cluster');
/** the demo crowd's rooms, one pinned to each LiveKit node */
const ROOMS = [
  { room: DEMO_ROOM, audience: 20 },
  { room: 'demo-breakout', audience: 10 },
];

let stopping = false;

function log(line: string) {
  console.log(`\x1b[35m[cluster]\x1b[0m ${line}`);
}

function missingPrerequisites(): string[] {
  const missing: string[] = [];
  if (!existsSync(REDIS_SERVER)) missing.push("Redis (Debian: apt-get install redis-server)");
  if (!existsSync(HAPROXY)) missing.push('HAProxy (Debian: apt-get install haproxy)');
  if (!postgresBinDir()) missing.push('PostgreSQL (Debian: apt-get install postgresql)');
  return missing;
}

async function main() {
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    console.error(`npm run cluster needs:\n${missing.map((line) => `  - ${line}`).join('\n')}`);
    process.exit(1);
  }
  ensureLiveKitServer((line) => log(line));

  let cluster: Cluster | undefined;
  let crowd: ChildProcess | undefined;
  const starting = new AbortController();
  let started: Promise<unknown> = Promise.resolve();
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    // during start-up: startCluster stops what it has started, then rejects
    starting.abort();
    await started.catch(() => {});
    if (crowd?.pid && crowd.exitCode === null) {
      process.kill(-crowd.pid, 'SIGTERM');
      await new Promise((resolve) => crowd!.once('exit', resolve));
    }
    await cluster?.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  log(`starting the topology on loopback (logs in ${path.relative(REPO_ROOT, LOG_DIR)}/)`);
  try {
    const pending = startCluster({ logDir: LOG_DIR, log, signal: starting.signal });
    started = pending;
    cluster = await pending;
  } catch (error) {
    if (stopping) return;
    console.error(`Could not start the cluster: ${(error as Error).message}`);
    await stop(1);
    return;
  }
  for (const replica of cluster.replicas) {
    followLog(replica.logFile, (line) => console.log(`\x1b[33m[replica ${replica.name}]\x1b[0m ${line}`));
    void replicaExit(cluster, replica.name);
  }

  const rooms = new RoomServiceClient(cluster.livekitUrl, cluster.keys.apiKey, cluster.keys.apiSecret);
  const pinned = ROOMS.map((entry, i) => ({ ...entry, node: cluster!.nodes[i % cluster!.nodes.length]! }));
  for (const { room, node } of pinned) await rooms.createRoom({ name: room, nodeId: node.id, emptyTimeout: 300 });
  // rtc-node logs every connection at debug level unless NODE_ENV is production
  crowd = spawn(
    process.execPath,
    ['--import', 'tsx', 'scripts/demo-crowd.ts', ...pinned.map(({ room, audience }) => `${room}:${audience}`)],
    {
      cwd: REPO_ROOT,
      stdio: 'inherit',
      detached: true,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        LIVEKIT_URL: cluster.livekitUrl,
        LIVEKIT_API_KEY: cluster.keys.apiKey,
        LIVEKIT_API_SECRET: cluster.keys.apiSecret,
      },
    },
  );

  const { admin } = cluster.shared;
  console.log(
    [
      '',
      `  dashboard   ${cluster.dashboardUrl}  (HAProxy → replicas ${cluster.replicas.map((r) => `${r.name}: ${r.url}`).join(', ')})`,
      `  sign in     ${admin.email} / ${admin.password}`,
      `  LiveKit     ${cluster.livekitUrl}  (HAProxy → nodes ${cluster.nodes.map((n) => `${n.name}: ${n.url}`).join(', ')}), key ${cluster.keys.apiKey}`,
      `  rooms       ${pinned.map(({ room, node }) => `${room} on node ${node.name}`).join(', ')}`,
      `  Redis ${cluster.redis.address}, PostgreSQL ${cluster.postgres.url}`,
      '',
      '  Ctrl-C stops all of it.',
      '',
    ].join('\n'),
  );
}

/** A replica that dies stays dead (HAProxy sends everyone to the other): say so once. */
async function replicaExit(cluster: Cluster, name: string) {
  const replica = cluster.replicas.find((r) => r.name === name)!;
  while (replica.running()) await new Promise((resolve) => setTimeout(resolve, 1_000));
  if (!stopping) log(`dashboard replica ${name} exited; see ${path.relative(REPO_ROOT, replica.logFile)}`);
}

void main();
