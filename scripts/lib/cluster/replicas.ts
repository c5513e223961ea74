import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startApp, type AppOptions, type RunningApp } from '../../../tests/helpers/app-server';
import type { LiveKitKeys } from './livekit-nodes';

/** What every replica must share, or sessions, server actions and client bundles break between them. */
export interface SharedSettings {
  /** the load balancer's URL: next-auth builds its redirects from it */
  publicUrl: string;
  nextauthSecret: string;
  /** base64 AES-256 key; server actions posted to one replica are decrypted by another */
  actionsEncryptionKey: string;
  /** the build's NEXT_DEPLOYMENT_ID */
  deploymentId: string;
  databaseUrl: string;
  livekit: LiveKitKeys & { url: string };
  admin: { email: string; password: string };
  appKey: string;
  livekitTimeoutMs: number;
}

export interface Replica {
  /** 1, 2, …: how people and logs name it */
  name: string;
  port: number;
  url: string;
  logFile: string;
  running(): boolean;
  /** SIGKILL (a crash) by default; SIGTERM lets it drain and exit by itself. Answers how it exited. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null } | undefined>;
  /** starts it again on the same port with the same settings (after a kill or stop) */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A `next start` of the one build, with the shared settings and a data folder of its own. */
export function defineReplica(name: string, port: number, shared: SharedSettings, logDir: string): Replica {
  const logFile = path.join(logDir, `replica-${name}.log`);
  const options: AppOptions = {
    dataDir: mkdtempSync(path.join(tmpdir(), `stagekeeper-replica-${name}-`)),
    nextauthSecret: shared.nextauthSecret,
    admin: shared.admin,
    // named in pg_stat_activity, so what a replica holds (its advisory locks) can be told apart
    databaseUrl: `${shared.databaseUrl}${shared.databaseUrl.includes('?') ? '&' : '?'}application_name=stagekeeper-replica-${name}`,
    port,
    appKey: shared.appKey,
    // replicas start while others serve, on cores the LiveKit nodes and participants share
    readyTimeoutMs: 180_000,
    env: {
      NEXTAUTH_URL: shared.publicUrl,
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: shared.actionsEncryptionKey,
      NEXT_DEPLOYMENT_ID: shared.deploymentId,
      LIVEKIT_PUBLIC_URL: shared.livekit.url.replace(/^http/, 'ws'),
      STAGEKEEPER_LIVEKIT_TIMEOUT_MS: String(shared.livekitTimeoutMs),
      // after SIGTERM, room for a bulk of hundreds to finish on cores the whole cluster shares (tests/cluster/shutdown.test.ts)
      STAGEKEEPER_SHUTDOWN_SECONDS: '45',
    },
  };
  let app: RunningApp | undefined;
  let starts = 0;
  const replica: Replica = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    logFile,
    running: () => app?.running() ?? false,
    kill: async (signal) => app?.kill(signal),
    restart: async () => {
      if (app?.running()) await app.stop();
      starts += 1;
      app = await startApp(shared.livekit, starts === 1 ? logFile : logFile.replace(/\.log$/, `.${starts}.log`), options);
    },
    stop: async () => {
      await app?.stop();
    },
  };
  return replica;
}
