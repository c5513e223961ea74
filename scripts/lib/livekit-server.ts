import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createSocket } from 'node:dgram';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const LIVEKIT_MODULE = 'github.com/livekit/livekit-server';
export const LIVEKIT_VERSION = 'v1.13.5';
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const LIVEKIT_HOME = path.join(REPO_ROOT, '.livekit');
export const LIVEKIT_BIN = path.join(LIVEKIT_HOME, 'bin', 'livekit-server');
export const LIVEKIT_CONFIG = path.join(REPO_ROOT, 'scripts', 'livekit.yaml');
export const DEV_KEYS = { apiKey: 'devkey', apiSecret: 'secret' } as const;

export function findGo(): string | undefined {
  for (const candidate of ['go', '/usr/local/go/bin/go']) {
    const probe = spawnSync(candidate, ['version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

function installedVersion(): string | undefined {
  if (!existsSync(LIVEKIT_BIN)) return undefined;
  const probe = spawnSync(LIVEKIT_BIN, ['--version'], { encoding: 'utf8' });
  return probe.stdout.match(/version (\S+)/)?.[1];
}

/** Installs the pinned livekit-server into .livekit/bin when it is missing or another version. */
export function ensureLiveKitServer(log: (line: string) => void = console.log): string {
  const wanted = LIVEKIT_VERSION.replace(/^v/, '');
  if (installedVersion() === wanted) return LIVEKIT_BIN;

  const go = findGo();
  if (!go) {
    throw new Error(
      [
        `The local LiveKit server (${LIVEKIT_MODULE} ${LIVEKIT_VERSION}) is not installed and Go was not found.`,
        'Install Go 1.26 or newer (https://go.dev/doc/install) and run this again, or point Stagekeeper at an',
        'existing server with LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET.',
      ].join('\n'),
    );
  }

  mkdirSync(LIVEKIT_HOME, { recursive: true });
  const staging = mkdtempSync(path.join(LIVEKIT_HOME, 'install-'));
  log(`Installing ${LIVEKIT_MODULE} ${LIVEKIT_VERSION} into .livekit/bin (first run only; a few minutes)…`);
  const started = Date.now();
  const result = spawnSync(go, ['install', `${LIVEKIT_MODULE}/cmd/server@${LIVEKIT_VERSION}`], {
    env: { ...process.env, GOBIN: staging },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`go install ${LIVEKIT_MODULE}/cmd/server@${LIVEKIT_VERSION} failed (exit ${result.status})`);
  }
  mkdirSync(path.dirname(LIVEKIT_BIN), { recursive: true });
  renameSync(path.join(staging, 'server'), LIVEKIT_BIN);
  rmSync(staging, { recursive: true, force: true });
  log(`Installed livekit-server ${wanted} in ${Math.round((Date.now() - started) / 1000)} s`);
  return LIVEKIT_BIN;
}

export interface LiveKitPorts {
  http: number;
  rtcTcp: number;
  rtcUdp: number;
}

export interface StartOptions {
  ports?: Partial<LiveKitPorts>;
  enableRemoteUnmute?: boolean;
  /** replaces the webhook target of scripts/livekit.yaml; null turns webhooks off */
  webhookUrl?: string | null;
  /** where the server's output goes; inherits the parent's stdio when omitted */
  logFile?: string;
  readyTimeoutMs?: number;
  /** host:port of a Redis shared with other nodes: this node joins their cluster */
  redisAddress?: string;
  /** replaces the dev keys (devkey/secret) */
  keys?: { apiKey: string; apiSecret: string };
  /** a name for this server's files under .livekit/run (default: its HTTP port) */
  name?: string;
}

export interface RunningLiveKit {
  url: string;
  apiKey: string;
  apiSecret: string;
  ports: LiveKitPorts;
  process: ChildProcess;
  stop(): Promise<void>;
}

const DEFAULT_PORTS: LiveKitPorts = { http: 7880, rtcTcp: 7881, rtcUdp: 7882 };

/** Starts livekit-server on loopback from scripts/livekit.yaml and waits until it answers. */
export async function startLiveKitServer(options: StartOptions = {}): Promise<RunningLiveKit> {
  const binary = ensureLiveKitServer();
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const keys = options.keys ?? DEV_KEYS;
  const args = [
    '--config',
    configFor(options, keys, options.name ?? String(ports.http)),
    '--bind',
    '127.0.0.1',
    '--node-ip',
    '127.0.0.1',
    '--port',
    String(ports.http),
    '--rtc.tcp_port',
    String(ports.rtcTcp),
    '--udp-port',
    String(ports.rtcUdp),
    `--room.enable_remote_unmute=${options.enableRemoteUnmute ?? false}`,
  ];

  const child = spawn(binary, args, {
    stdio: options.logFile ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
    detached: false,
  });
  if (options.logFile) {
    mkdirSync(path.dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile);
    child.stdout?.pipe(log, { end: false });
    child.stderr?.pipe(log, { end: false });
    child.once('exit', () => log.end());
  }

  const url = `http://127.0.0.1:${ports.http}`;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 20_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const tail = options.logFile && existsSync(options.logFile) ? readFileSync(options.logFile, 'utf8').slice(-2000) : '';
      throw new Error(`livekit-server exited with code ${child.exitCode} before it was ready\n${tail}`);
    }
    if (await answers(url)) {
      return { url, ...keys, ports, process: child, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`livekit-server did not answer on ${url} within ${options.readyTimeoutMs ?? 20_000} ms`);
}

/**
 * The repo's config, or a copy of it under .livekit/run with another webhook target, keys or a Redis
 * section (slices and sections have no CLI flag).
 */
function configFor(options: StartOptions, keys: { apiKey: string; apiSecret: string }, name: string): string {
  const { webhookUrl, redisAddress } = options;
  if (webhookUrl === undefined && redisAddress === undefined && options.keys === undefined) return LIVEKIT_CONFIG;
  let config = readFileSync(LIVEKIT_CONFIG, 'utf8');
  const webhook = /^webhook:\n(?:[ \t]+.*\n?)*/m;
  if (!webhook.test(config)) throw new Error(`${LIVEKIT_CONFIG} has no webhook section to replace`);
  if (webhookUrl !== undefined) {
    const replacement = webhookUrl === null ? '' : `webhook:\n  api_key: ${keys.apiKey}\n  urls:\n    - ${webhookUrl}\n`;
    config = config.replace(webhook, replacement);
  } else {
    config = config.replace(/^(webhook:\n\s+api_key:) .*$/m, `$1 ${keys.apiKey}`);
  }
  config = config.replace(/^keys:\n(?:[ \t]+.*\n?)*/m, `keys:\n  ${keys.apiKey}: ${keys.apiSecret}\n`);
  if (redisAddress) config += `redis:\n  address: ${redisAddress}\n`;
  const file = path.join(LIVEKIT_HOME, 'run', `livekit-${name}.yaml`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, config);
  return file;
}

async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
    return response.ok;
  } catch {
    return false;
  }
}

/** A port free right now: TCP on every address (LiveKit's RTC TCP port listens on all), UDP on loopback. */
export async function freePort(kind: 'tcp' | 'udp' = 'tcp'): Promise<number> {
  if (kind === 'udp') {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => socket.once('error', reject).bind(0, '127.0.0.1', resolve));
    const { port } = socket.address();
    await new Promise<void>((resolve) => socket.close(() => resolve()));
    return port;
  }
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

export async function freeLiveKitPorts(): Promise<LiveKitPorts> {
  return { http: await freePort(), rtcTcp: await freePort(), rtcUdp: await freePort('udp') };
}
