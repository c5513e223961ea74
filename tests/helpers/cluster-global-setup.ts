import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensurePublisher } from '../../bench/lib/go-publisher';
import { startCluster } from '../../scripts/lib/cluster';
import { HAPROXY } from '../../scripts/lib/cluster/haproxy';
import { postgresBinDir } from '../../scripts/lib/cluster/postgres';
import { REDIS_SERVER } from '../../scripts/lib/cluster/redis';
import { ensureLiveKitServer, REPO_ROOT } from '../../scripts/lib/livekit-server';
import { startControl } from './cluster-control';

declare module 'vitest' {
  export interface ProvidedContext {
    /** the control endpoint of the running cluster, or why there is none */
    cluster: { controlUrl: string } | { unavailable: string };
  }
}

/** API calls to a node that died fail after LiveKit's own 3 s relay timeout; the dashboard's bound is above it */
export const CLUSTER_LIVEKIT_TIMEOUT_MS = 5_000;

function unavailable(): string | undefined {
  const missing = [
    !existsSync(REDIS_SERVER) && 'redis-server',
    !existsSync(HAPROXY) && 'haproxy',
    !process.env.DATABASE_URL && !postgresBinDir() && 'postgresql (or DATABASE_URL)',
  ].filter(Boolean);
  return missing.length > 0 ? `the cluster tests need ${missing.join(', ')} (Debian packages; .ci/run installs them)` : undefined;
}

/**
 * One topology for every cluster test file: two LiveKit nodes on one Redis, two dashboard replicas
 * on one PostgreSQL database, HAProxy in front. With DATABASE_URL (CI) the database is a new one on
 * that server; otherwise a throwaway PostgreSQL of its own.
 */
export default async function setup(project: TestProject) {
  const reason = unavailable();
  if (reason) {
    console.warn(`\n[cluster] skipping the cluster tests: ${reason}\n`);
    project.provide('cluster', { unavailable: reason });
    return;
  }
  ensureLiveKitServer();
  // the 200 tracks of the replica-crash test come from the Go publisher: built once, minutes the first time
  ensurePublisher((line) => console.log(`[cluster] ${line}`));
  const cluster = await startCluster({
    logDir: path.join(REPO_ROOT, 'test-results', 'cluster'),
    postgresServerUrl: process.env.DATABASE_URL,
    livekitTimeoutMs: CLUSTER_LIVEKIT_TIMEOUT_MS,
    log: (line) => console.log(`[cluster] ${line}`),
  });
  const control = await startControl(cluster);
  project.provide('cluster', { controlUrl: control.url });
  return async () => {
    await control.close();
    await cluster.stop();
  };
}
