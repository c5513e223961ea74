import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT } from '../../scripts/lib/livekit-server';
import { completeStandalone } from '../../scripts/lib/standalone';
import type { TestLiveKitServer } from './livekit-global-setup';

export interface RunningApp {
  url: string;
  stop(): Promise<void>;
  /**
   * SIGKILL by default, as a crash: no shutdown handler runs. Another signal (SIGTERM) is sent alone
   * and waited for: the app's own shutdown decides when it exits. Answers how it exited.
   */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  port: number;
  running(): boolean;
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
  /** more environment, over the rest (a replica behind a load balancer: NEXTAUTH_URL, shared keys) */
  env?: Record<string, string>;
  /** a copy of .next/standalone: served by `node server.js` there instead of `next start` */
  standaloneDir?: string;
  /** how long start-up may take (default 60 s) */
  readyTimeoutMs?: number;
}

const NEXT_BIN = path.join(REPO_ROOT, 'node_modules', '.bin', 'next');

export interface BuiltApp {
  /** hash of the app's files in the working tree that was built (not tests, scripts, benchmarks or docs) */
  tree: string;
  /** NEXT_DEPLOYMENT_ID the build was made with: every replica serving it must be given the same */
  deploymentId: string;
  /** the real-looking secrets the build saw (LiveKit's, NEXTAUTH_SECRET): none may appear in .next/static */
  secrets: string[];
  /** the build's own settings (the bench's hooks): a build is reused only with the same */
  settings: string;
}

const BUILD_STAMP = path.join(REPO_ROOT, '.next', 'stagekeeper-build.json');

/**
 * `next build` of the working tree, as production serves it, seeing real-looking secrets (so the
 * security test's scan of .next/static finds them if a module leaked them). With `reuseSameTree`, a
 * build already made from exactly this tree is kept: the browser tests and the cluster tests share
 * one, whichever global setup comes first, and neither rebuilds under the other's running servers.
 */
export function buildApp(
  buildEnv: Record<string, string> = {},
  log: (line: string) => void = console.log,
  { reuseSameTree = false } = {},
): BuiltApp {
  const tree = workingTree();
  // LiveKit's three settings go together (lib/env.ts); what the build sees is never what a server uses
  const seen = {
    LIVEKIT_URL: 'http://127.0.0.1:7880',
    LIVEKIT_API_KEY: 'buildkey',
    LIVEKIT_API_SECRET: `livekit-${randomBytes(24).toString('hex')}`,
    NEXTAUTH_SECRET: `nextauth-${randomBytes(24).toString('hex')}`,
  };
  const settings = JSON.stringify(Object.entries(buildEnv).sort());
  const built: BuiltApp = { tree, deploymentId: `stagekeeper-${tree.slice(0, 12)}`, secrets: [seen.LIVEKIT_API_SECRET, seen.NEXTAUTH_SECRET], settings };
  const previous = existsSync(BUILD_STAMP) ? (JSON.parse(readFileSync(BUILD_STAMP, 'utf8')) as Partial<BuiltApp>) : undefined;
  if (reuseSameTree && previous?.tree === tree && previous.settings === settings && previous.deploymentId && Array.isArray(previous.secrets)) {
    log('the dashboard is already built from this tree; reusing .next');
    return { tree, deploymentId: previous.deploymentId, secrets: previous.secrets, settings };
  }
  log('building the dashboard (next build)…');
  const started = Date.now();
  rmSync(BUILD_STAMP, { force: true });
  const result = spawnSync(NEXT_BIN, ['build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: {
      ...withoutDatabaseUrl(process.env),
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DEPLOYMENT_ID: built.deploymentId,
      ...seen,
      ...buildEnv,
    },
  });
  if (result.status !== 0) {
    throw new Error(`next build failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  completeStandalone(REPO_ROOT);
  writeFileSync(BUILD_STAMP, JSON.stringify(built));
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
  return built;
}

/** Files that are not part of what `next build` turns into .next */
const NOT_BUILT = /^(tests|scripts|bench|\.ci)\/|\.md$/;

/**
 * A hash of the app's files as they are now (tracked and untracked, not ignored), through git and a
 * throwaway copy of its index.
 */
export function workingTree(): string {
  const git = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
    const result = spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', env });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout.trim();
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-index-'));
  try {
    const index = path.join(dir, 'index');
    const real = path.resolve(REPO_ROOT, git(['rev-parse', '--git-path', 'index']));
    if (existsSync(real)) copyFileSync(real, index);
    const env = { ...process.env, GIT_INDEX_FILE: index };
    git(['add', '-A'], env);
    const files = git(['ls-tree', '-r', git(['write-tree'], env)], env)
      .split('\n')
      .filter((line) => !NOT_BUILT.test(line.split('\t')[1] ?? ''));
    return createHash('sha256').update(files.join('\n')).digest('hex');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `next start` on a free loopback port, talking to the given LiveKit server. */
export async function startApp(livekit: TestLiveKitServer, logFile: string, options: AppOptions): Promise<RunningApp> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const [command, args, cwd] = options.standaloneDir
    ? [process.execPath, ['server.js'], options.standaloneDir]
    : [NEXT_BIN, ['start', '--port', String(port), '--hostname', '127.0.0.1'], REPO_ROOT];
  const child: ChildProcess = spawn(command, args, {
    cwd,
    env: {
      ...(options.standaloneDir && { PORT: String(port), HOSTNAME: '127.0.0.1' }),
      // the developer's or CI's DATABASE_URL is for the tests that ask for PostgreSQL, not the default app
      ...withoutDatabaseUrl(process.env),
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      // as npm start runs it: Next's own SIGTERM handler would exit at once, before the drain (lib/lifecycle)
      NEXT_MANUAL_SIG_HANDLE: 'true',
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

  const running = () => child.exitCode === null && child.signalCode === null;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(-child.pid, 'SIGTERM');
    const timer = setTimeout(() => child.pid && process.kill(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const kill = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return { code: child.exitCode, signal: child.signalCode };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    process.kill(-child.pid, signal);
    return exited;
  };

  // generous: the first request runs the migrations and hashes the admin's password, slow on a busy machine
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}; see ${logFile}`);
    try {
      const response = await fetch(`${url}/signin`, { signal: AbortSignal.timeout(15_000) });
      if (response.ok) return { url, stop, kill, port, running };
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
