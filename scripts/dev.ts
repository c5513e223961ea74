import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { homedir } from 'node:os';
import path from 'node:path';
import { parseEnv, EnvError } from '../lib/env';
import { REPO_ROOT, startLiveKitServer, type RunningLiveKit } from './lib/livekit-server';

function log(line: string) {
  console.log(`\x1b[35m[stagekeeper]\x1b[0m ${line}`);
}

/** Each child gets its own process group, so stopping it also stops whatever it started. */
function startChild(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(command, args, { cwd: REPO_ROOT, env, stdio: 'inherit', detached: true });
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const pid = child.pid;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-pid, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-pid, 'SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function main() {
  let config;
  try {
    config = parseEnv(process.env);
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error);
    process.exit(1);
  }

  const cleanups: Array<() => Promise<void>> = [];
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  if (!config.livekit.embedded) {
    log(`using LiveKit at ${config.livekit.apiUrl}; starting only the dashboard`);
  } else {
    log('no LIVEKIT_URL set: starting the embedded default (local LiveKit + demo crowd)');
    let livekit: RunningLiveKit;
    try {
      livekit = await startLiveKitServer({
        webhookUrl: `http://127.0.0.1:${config.port}/api/livekit/webhook`,
        logFile: path.join(REPO_ROOT, '.livekit', 'dev-server.log'),
      });
    } catch (error) {
      console.error(`Could not start the local LiveKit server: ${(error as Error).message}`);
      console.error('Is another LiveKit already using ports 7880-7882? Stop it, or set LIVEKIT_URL to use it.');
      process.exit(1);
    }
    cleanups.push(livekit.stop);
    log(`LiveKit ${livekit.url} is up (keys devkey/secret; log in .livekit/dev-server.log)`);
    livekit.process.once('exit', (code) => {
      if (!stopping) {
        log(`LiveKit exited unexpectedly (code ${code}); see .livekit/dev-server.log`);
        void stop(1);
      }
    });

    // rtc-node logs every connection at debug level unless NODE_ENV is production
    const crowd = startChild(process.execPath, ['--import', 'tsx', 'scripts/demo-crowd.ts'], {
      ...process.env,
      NODE_ENV: 'production',
      LIVEKIT_URL: livekit.url,
      LIVEKIT_API_KEY: livekit.apiKey,
      LIVEKIT_API_SECRET: livekit.apiSecret,
    });
    cleanups.push(() => stopChild(crowd));
  }

  const dataDir = process.env.STAGEKEEPER_DATA_DIR ?? devDataDir();
  log(`data (accounts, audit log, bans): ${dataDir}`);
  // next-auth builds its callback URLs from NEXTAUTH_URL; without it, it assumes port 3000
  const next = startChild(path.join(REPO_ROOT, 'node_modules', '.bin', 'next'), ['dev', '--port', String(config.port)], {
    ...process.env,
    STAGEKEEPER_DATA_DIR: dataDir,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${config.port}`,
  });
  cleanups.push(() => stopChild(next));
  next.once('exit', (code) => {
    if (!stopping) void stop(code ?? 1);
  });
  log(`dashboard: http://localhost:${config.port}  (Ctrl-C stops everything)`);
}

/**
 * next dev's file watcher sees every write inside the project (it ignores only .next), and PGlite
 * writes on every audited action: with the data in .data the page reloaded in a loop. So under
 * `npm run dev` the data lives in the user's data folder, one per checkout.
 */
function devDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? path.join(homedir(), '.local', 'share');
  const checkout = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 10);
  return path.join(base, 'stagekeeper', `${path.basename(REPO_ROOT)}-${checkout}`);
}

void main();
