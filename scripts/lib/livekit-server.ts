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
  const args = [
    '--config',
    configFor(options.webhookUrl, ports.http),
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
      return { url, ...DEV_KEYS, ports, process: child, stop };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error(`livekit-server did not answer on ${url} within ${options.readyTimeoutMs ?? 20_000} ms`);
}

/** The repo's config, or a copy of it under .livekit/ with another webhook target (slices have no CLI flag). */
function configFor(webhookUrl: string | null | undefined, httpPort: number): string {
  if (webhookUrl === undefined) return LIVEKIT_CONFIG;
  const base = readFileSync(LIVEKIT_CONFIG, 'utf8');
  const webhook = /^webhook:\n(?:[ \t]+.*\n?)*/m;
  if (!webhook.test(base)) throw new Error(`${LIVEKIT_CONFIG} has no webhook section to replace`);
  const replacement = webhookUrl === null ? '' : `webhook:\n  api_key: ${DEV_KEYS.apiKey}\n  urls:\n    - ${webhookUrl}\n`;
  const file = path.join(LIVEKIT_HOME, 'run', `livekit-${httpPort}.yaml`);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, base.replace(webhook, replacement));
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
