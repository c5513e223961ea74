import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { freePort } from '../livekit-server';
import { buildApp } from '../../../tests/helpers/app-server';
import { haproxyPorts, startHaproxy, type RunningHaproxy } from './haproxy';
import { startLiveKitNodes, type LiveKitKeys, type LiveKitNode } from './livekit-nodes';
import { databaseOnServer, startPostgres, type RunningPostgres } from './postgres';
import { startRedis, type RunningRedis } from './redis';
import { defineReplica, type Replica, type SharedSettings } from './replicas';

export type { LiveKitNode } from './livekit-nodes';
export { defineReplica, type Replica, type SharedSettings } from './replicas';

export interface ClusterOptions {
  /** every part's log (and HAProxy's config and admin socket) goes here */
  logDir: string;
  /** a PostgreSQL server to create the cluster's database on; a throwaway server of its own otherwise */
  postgresServerUrl?: string;
  nodeNames?: string[];
  replicaCount?: number;
  admin?: { email: string; password: string };
  livekitTimeoutMs?: number;
  log?: (line: string) => void;
  /** aborting stops what has started so far and rejects (Ctrl-C during start-up) */
  signal?: AbortSignal;
}

export interface Cluster {
  redis: RunningRedis;
  nodes: LiveKitNode[];
  postgres: RunningPostgres;
  replicas: Replica[];
  haproxy: RunningHaproxy;
  shared: SharedSettings;
  keys: LiveKitKeys;
  /** the dashboard through HAProxy */
  dashboardUrl: string;
  /** LiveKit through HAProxy: signalling and the RoomService API */
  livekitUrl: string;
  stop(): Promise<void>;
}

/**
 * The whole scale-out topology on loopback and free ports: Redis, LiveKit nodes sharing it,
 * PostgreSQL, dashboard replicas of one build, and HAProxy in front of the replicas and the nodes.
 */
export async function startCluster(options: ClusterOptions): Promise<Cluster> {
  const log = options.log ?? console.log;
  const { logDir } = options;
  mkdirSync(logDir, { recursive: true });
  const cleanups: Array<() => Promise<void>> = [];
  const step = () => options.signal?.throwIfAborted();
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
  };
  try {
    const ports = await haproxyPorts();
    const dashboardUrl = `http://127.0.0.1:${ports.dashboard}`;
    const keys: LiveKitKeys = { apiKey: 'stagekeeper-cluster', apiSecret: randomBytes(24).toString('hex') };

    const redis = await startRedis(logDir);
    cleanups.push(redis.stop);
    step();
    log(`Redis on ${redis.address}`);
    const postgres = options.postgresServerUrl
      ? await databaseOnServer(options.postgresServerUrl, `stagekeeper_cluster_${process.pid}_${Date.now()}`)
      : await startPostgres();
    cleanups.push(postgres.stop);
    step();
    log(`PostgreSQL: ${postgres.url}`);
    const nodes = await startLiveKitNodes(options.nodeNames ?? ['A', 'B'], {
      redis,
      keys,
      webhookUrl: `${dashboardUrl}/api/livekit/webhook`,
      logDir,
    });
    cleanups.push(async () => void (await Promise.all(nodes.map((node) => node.stop()))));
    for (const node of nodes) log(`LiveKit node ${node.name} (${node.id}) on ${node.url}`);

    const replicaPorts = await Promise.all(Array.from({ length: options.replicaCount ?? 2 }, () => freePort()));
    const haproxy = await startHaproxy(
      ports,
      replicaPorts.map((port, i) => ({ name: `r${i + 1}`, port })),
      nodes.map((node) => ({ name: node.name.toLowerCase(), port: node.ports.http })),
      logDir,
    );
    cleanups.push(haproxy.stop);
    step();

    const build = buildApp({}, log, { reuseSameTree: true });
    step();
    const shared: SharedSettings = {
      publicUrl: dashboardUrl,
      nextauthSecret: randomBytes(32).toString('base64'),
      actionsEncryptionKey: randomBytes(32).toString('base64'),
      deploymentId: build.deploymentId,
      databaseUrl: postgres.url,
      livekit: { url: haproxy.livekitUrl, ...keys },
      admin: options.admin ?? { email: 'admin@cluster.local', password: randomBytes(12).toString('base64url') },
      appKey: randomBytes(24).toString('hex'),
      livekitTimeoutMs: options.livekitTimeoutMs ?? 10_000,
    };
    const replicas = replicaPorts.map((port, i) => defineReplica(String(i + 1), port, shared, logDir));
    cleanups.push(async () => void (await Promise.all(replicas.map((replica) => replica.stop()))));
    // one after another: the first migrates the empty database and creates the admin
    for (const replica of replicas) {
      await replica.restart();
      log(`dashboard replica ${replica.name} on ${replica.url}`);
      step();
    }
    await waitForHealthyReplicas(haproxy, replicas.length);
    return { redis, nodes, postgres, replicas, haproxy, shared, keys, dashboardUrl, livekitUrl: haproxy.livekitUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** HAProxy's own view: every replica's health check passes. */
export async function waitForHealthyReplicas(haproxy: RunningHaproxy, count: number, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stat = await haproxy.admin('show stat');
    const up = stat.split('\n').filter((line) => line.startsWith('replicas,r') && line.split(',')[17] === 'UP').length;
    if (up === count) return;
    if (Date.now() > deadline) throw new Error(`HAProxy sees ${up} of ${count} replicas up after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
