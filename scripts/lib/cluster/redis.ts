import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../livekit-server';
import { startLogged, waitUntilReady } from './process';

const run = promisify(execFile);
export const REDIS_SERVER = '/usr/bin/redis-server';

export interface RunningRedis {
  port: number;
  /** host:port, as LiveKit's `redis.address` takes it */
  address: string;
  /** one command through redis-cli; the reply's lines */
  command(...args: string[]): Promise<string[]>;
  stop(): Promise<void>;
}

/**
 * One Redis per cluster, on loopback, keeping nothing on disk. LiveKit's pub/sub ignores the db
 * number, so two clusters sharing one Redis would hear each other's nodes.
 */
export async function startRedis(logDir: string): Promise<RunningRedis> {
  const port = await freePort();
  const logFile = path.join(logDir, 'redis.log');
  const server = startLogged(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', logDir],
    logFile,
  );
  const command = async (...args: string[]) => {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), '--raw', ...args]);
    return stdout.split('\n').filter((line) => line !== '');
  };
  await waitUntilReady('redis-server', async () => (await command('PING'))[0] === 'PONG', { process: server, logFile });
  return { port, address: `127.0.0.1:${port}`, command, stop: () => server.stop() };
}
