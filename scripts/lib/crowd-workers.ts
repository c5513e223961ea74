import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from './livekit-server';
import type { LiveKitTarget } from './participant';

const WORKER_SCRIPT = path.join(REPO_ROOT, 'scripts', 'crowd-worker.ts');
const STOP_GRACE_MS = 20_000;

/** What one worker joins, sent as its first stdin line. */
export interface CrowdJob {
  target: LiveKitTarget;
  room: string;
  identities: string[];
}

export type CrowdWorkerMessage =
  | { type: 'ready' }
  | { type: 'joined'; identity: string; at: number }
  | { type: 'failed'; identity: string; at: number; error: string }
  | { type: 'left'; count: number };

export interface CrowdJoin {
  identity: string;
  worker: number;
  /** from the moment every worker was told to go until this participant was connected (or gave up) */
  afterGoMs: number;
  error?: string;
}

export interface CrowdWorkersOptions {
  room: string;
  identities: string[];
  workers: number;
  /** where the workers' stderr goes */
  logFile: string;
  readyTimeoutMs?: number;
}

export interface CrowdWorkers {
  /** Tells every worker to go at the same moment; resolves once each identity has joined or failed. */
  joinAtOnce(timeoutMs: number): Promise<{ goAt: number; joins: CrowdJoin[] }>;
  /** Asks every worker to leave and exit; kills the ones that have not exited within the grace period. */
  stop(): Promise<void>;
}

interface Worker {
  index: number;
  child: ChildProcess;
  exited: Promise<void>;
  messages: CrowdWorkerMessage[];
  onMessage?: () => void;
}

const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Spawns `workers` Node processes running scripts/crowd-worker.ts, each with its share of the
 * identities, and waits until every one has loaded rtc-node, so start-up is not part of a join.
 */
export async function startCrowdWorkers(target: LiveKitTarget, options: CrowdWorkersOptions): Promise<CrowdWorkers> {
  mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const shares = Array.from({ length: options.workers }, (_, index) =>
    options.identities.filter((_, position) => position % options.workers === index),
  );

  const workers = shares.map((identities, index): Worker => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    running.add(child);
    const worker: Worker = {
      index,
      child,
      messages: [],
      exited: new Promise((resolve) =>
        child.once('exit', () => {
          running.delete(child);
          resolve();
          worker.onMessage?.();
        }),
      ),
    };
    child.stderr!.on('data', (chunk: Buffer) => {
      if (!log.writableEnded) log.write(`[worker ${index}] ${chunk}`);
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      try {
        worker.messages.push(JSON.parse(line) as CrowdWorkerMessage);
      } catch {
        if (!log.writableEnded) log.write(`[worker ${index}] ${line}\n`);
        return;
      }
      worker.onMessage?.();
    });
    child.stdin!.on('error', () => {});
    child.stdin!.write(`${JSON.stringify({ target, room: options.room, identities } satisfies CrowdJob)}\n`);
    return worker;
  });

  const stop = async () => {
    for (const { child } of workers) child.stdin!.end();
    const timer = setTimeout(() => workers.forEach(({ child }) => child.kill('SIGKILL')), STOP_GRACE_MS);
    await Promise.all(workers.map((worker) => worker.exited));
    clearTimeout(timer);
    log.end();
  };

  try {
    await Promise.all(
      workers.map((worker) =>
        until(worker, options.readyTimeoutMs ?? 60_000, 'load rtc-node', (messages) => messages.some((m) => m.type === 'ready')),
      ),
    );
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    async joinAtOnce(timeoutMs) {
      const goAt = Date.now();
      for (const { child } of workers) child.stdin!.write('go\n');
      await Promise.all(
        workers.map((worker) =>
          until(worker, timeoutMs, `join ${shares[worker.index]!.length} participants`, (messages) =>
            messages.filter((m) => m.type === 'joined' || m.type === 'failed').length === shares[worker.index]!.length,
          ),
        ),
      );
      const joins = workers.flatMap((worker) =>
        worker.messages.flatMap((message): CrowdJoin[] =>
          message.type === 'joined' || message.type === 'failed'
            ? [
                {
                  identity: message.identity,
                  worker: worker.index,
                  afterGoMs: message.at - goAt,
                  ...(message.type === 'failed' ? { error: message.error } : {}),
                },
              ]
            : [],
        ),
      );
      return { goAt, joins };
    },
    stop,
  };
}

/** Resolves when the worker's messages satisfy `done`; rejects if it exits first or time runs out. */
function until(worker: Worker, timeoutMs: number, what: string, done: (messages: CrowdWorkerMessage[]) => boolean) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`crowd worker ${worker.index} did not ${what} within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error?: Error) => {
      clearTimeout(timer);
      worker.onMessage = undefined;
      if (error) reject(error);
      else resolve();
    };
    worker.onMessage = () => {
      if (done(worker.messages)) finish();
      else if (worker.child.exitCode !== null || worker.child.signalCode !== null) {
        finish(new Error(`crowd worker ${worker.index} exited (${worker.child.exitCode ?? worker.child.signalCode}) before it could ${what}`));
      }
    };
    worker.onMessage();
  });
}
