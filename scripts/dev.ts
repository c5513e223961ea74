import { spawn, type ChildProcess } from 'node:child_process';
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

  // next-auth builds its callback URLs from NEXTAUTH_URL; without it, it assumes port 3000
  const next = startChild(path.join(REPO_ROOT, 'node_modules', '.bin', 'next'), ['dev', '--port', String(config.port)], {
    ...process.env,
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${config.port}`,
  });
  cleanups.push(() => stopChild(next));
  next.once('exit', (code) => {
    if (!stopping) void stop(code ?? 1);
  });
  log(`dashboard: http://localhost:${config.port}  (Ctrl-C stops everything)`);
}

void main();
