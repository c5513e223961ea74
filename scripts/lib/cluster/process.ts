import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface ManagedProcess {
  child: ChildProcess;
  /** resolves with the exit code (null after a signal) */
  exited: Promise<number | null>;
  running(): boolean;
  /** SIGTERM to the process group, SIGKILL after graceMs */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts a command in its own process group with its output in logFile, so stopping it also stops
 * whatever it started, and a person can read what it said afterwards.
 */
export function startLogged(
  command: string,
  args: string[],
  logFile: string,
  options: Omit<SpawnOptions, 'stdio' | 'detached'> = {},
): ManagedProcess {
  mkdirSync(path.dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      log.end();
      resolve(code);
    }),
  );
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    exited,
    running,
    stop: async (graceMs = 5_000) => {
      if (!running() || child.pid === undefined) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/** Polls `ready` until it answers true, failing early when the process exits. */
export async function waitUntilReady(
  what: string,
  ready: () => Promise<boolean>,
  { process, timeoutMs = 20_000, logFile }: { process?: ManagedProcess; timeoutMs?: number; logFile?: string },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process && !process.running()) throw new Error(`${what} exited before it was ready${logFile ? `; see ${logFile}` : ''}`);
    if (await ready().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms${logFile ? `; see ${logFile}` : ''}`);
}
