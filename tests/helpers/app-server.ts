import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, REPO_ROOT } from '../../scripts/lib/livekit-server';
import type { TestLiveKitServer } from './livekit-global-setup';

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
  /** SIGKILL, as a crash: no shutdown handler runs */
  kill(): Promise<void>;
}

/** What an e2e app instance gets besides LiveKit: its own data folder, secret and first admin. */
export interface AppOptions {
  dataDir: string;
  nextauthSecret: string;
  admin: { email: string; password: string };
  /** PostgreSQL instead of PGlite in dataDir */
  databaseUrl?: string;
  /** a port chosen in advance (LiveKit's webhooks point at it); a free one when omitted */
  port?: number;
  /** turns the token endpoint on */
  appKey?: string;
  /** more environment for this instance (e.g. OIDC_* for a test issuer) */
  env?: Record<string, string>;
  /** how long to wait for the first answer; 60 s when omitted */
  readyTimeoutMs?: number;
}

const NEXT_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'next');

/** `next build` of the working tree, as production serves it. */
export function buildApp(buildEnv: Record<string, string> = {}, log: (line: string) => void = console.log): void {
  log('building the dashboard (next build)…');
  const started = Date.now();
  const result = spawnSync(NEXT_BIN, ['build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...withoutDatabaseUrl(process.env), NEXT_TELEMETRY_DISABLED: '1', ...buildEnv },
  });
  if (result.status !== 0) {
    throw new Error(`next build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** `next start` on a free loopback port, talking to the given LiveKit server. */
export async function startApp(livekit: TestLiveKitServer, logFile: string, options: AppOptions): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child: ChildProcess = spawn(NEXT_BIN, ['start', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: REPO_ROOT,
    env: {
      // the developer's or CI's DATABASE_URL is for the tests that ask for PostgreSQL, not the default app
      ...withoutDatabaseUrl(process.env),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: options.nextauthSecret,
      STAGEKEEPER_DATA_DIR: options.dataDir,
      STAGEKEEPER_ADMIN_EMAIL: options.admin.email,
      STAGEKEEPER_ADMIN_PASSWORD: options.admin.password,
      ...(options.databaseUrl && { DATABASE_URL: options.databaseUrl }),
      ...(options.appKey && { STAGEKEEPER_APP_KEY: options.appKey }),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('exit', () => log.end());

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const kill = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGKILL');
    await exited;
  };

  // generous: the first request runs the migrations and hashes the admin's password, slow on a busy machine
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(15_000) });
      if (response.ok) return { url, stop, kill };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop();
  throw new Error(`next start did not answer on ${url}; see ${logFile}`);
}

function withoutDatabaseUrl(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _ignored, ...rest } = env;
  return rest;
}
