import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { setPriority } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { findGo, LIVEKIT_HOME, REPO_ROOT } from '../../scripts/lib/livekit-server';
import type { LiveKitTarget } from '../../scripts/lib/participant';

const SOURCE_DIR = path.join(REPO_ROOT, 'bench', 'publisher');
const PUBLISHER_BIN = path.join(LIVEKIT_HOME, 'bin', 'stagekeeper-publisher');

/** The Go sources, go.mod and go.sum: any change to them means the binary is stale. */
function sourceDigest(): string {
  const hash = createHash('sha256');
  const files = readdirSync(SOURCE_DIR)
    .filter((name) => name.endsWith('.go') || name === 'go.mod' || name === 'go.sum')
    .sort();
  for (const name of files) hash.update(name).update('\0').update(readFileSync(path.join(SOURCE_DIR, name))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

function builtDigest(): string | undefined {
  if (!existsSync(PUBLISHER_BIN)) return undefined;
  return spawnSync(PUBLISHER_BIN, ['-source-digest'], { encoding: 'utf8' }).stdout?.trim();
}

/** Builds bench/publisher into .livekit/bin when missing or stale; `go build` fetches modules through the Go proxy. */
export function ensurePublisher(log: (line: string) => void = console.log): string {
  const digest = sourceDigest();
  if (builtDigest() === digest) return PUBLISHER_BIN;

  const go = findGo();
  if (!go) throw new Error('The bench publisher (bench/publisher) needs Go 1.26 or newer to build; Go was not found.');
  mkdirSync(path.dirname(PUBLISHER_BIN), { recursive: true });
  const staging = `${PUBLISHER_BIN}.building-${process.pid}`;
  log('Building the bench publisher (bench/publisher) into .livekit/bin (first run or changed sources; a few minutes)…');
  const started = Date.now();
  const result = spawnSync(go, ['build', '-trimpath', '-ldflags', `-X main.sourceDigest=${digest}`, '-o', staging, '.'], {
    cwd: SOURCE_DIR,
    env: { ...process.env, GOWORK: 'off' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    rmSync(staging, { force: true });
    throw new Error(`go build in bench/publisher failed (exit ${result.status})`);
  }
  renameSync(staging, PUBLISHER_BIN);
  log(`Built the bench publisher in ${Math.round((Date.now() - started) / 1000)} s`);
  return PUBLISHER_BIN;
}

export interface PublishOptions {
  room: string;
  participants: number;
  tracksEach: number;
  identityPrefix?: string;
  /** one silent Opus frame per this many ms: 20 is continuous audio, 400 what DTX sends during silence */
  frameEveryMs?: number;
  readyTimeoutMs?: number;
}

export interface PublishedParticipant {
  identity: string;
  tracks: string[];
}

export interface RunningPublisher {
  participants: PublishedParticipant[];
  /** closes the publisher's stdin, so every participant disconnects; SIGKILL if it hangs */
  stop(): Promise<void>;
}

/**
 * Joins real participants publishing Opus silence from one Go process. Its audio is pre-encoded,
 * so hundreds of tracks cost a fraction of a core (rtc-node encodes every track: ~2.5 % of a core each).
 */
export async function startPublisher(target: LiveKitTarget, options: PublishOptions): Promise<RunningPublisher> {
  const binary = ensurePublisher();
  const readyTimeoutMs = options.readyTimeoutMs ?? 120_000;
  const child = spawn(
    binary,
    [
      '-url', target.url.replace(/^http/, 'ws'),
      '-api-key', target.apiKey,
      '-api-secret', target.apiSecret,
      '-room', options.room,
      '-participants', String(options.participants),
      '-tracks', String(options.tracksEach),
      '-identity-prefix', options.identityPrefix ?? 'pub-',
      '-frame-every', `${options.frameEveryMs ?? 20}ms`,
      '-timeout', `${readyTimeoutMs}ms`,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  // the simulated participants stand for clients on other machines: on this one they get the CPU
  // only after LiveKit and the dashboard under test
  if (child.pid !== undefined) setPriority(child.pid, 10);
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4_000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };

  // the publisher gives up by itself at readyTimeoutMs; the extra margin covers its start and exit
  const ready = new Promise<PublishedParticipant[]>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the bench publisher was not ready within ${readyTimeoutMs + 10_000} ms\n${stderr}`)),
      readyTimeoutMs + 10_000,
    );
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      const parsed = JSON.parse(line) as { ready?: boolean; participants?: PublishedParticipant[] };
      if (parsed.ready && parsed.participants) resolve(parsed.participants);
      else reject(new Error(`the bench publisher answered ${line}`));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bench publisher exited with code ${code} before it was ready\n${stderr.trim()}`));
    });
  });

  try {
    return { participants: await ready, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
