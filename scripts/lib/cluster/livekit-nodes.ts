import path from 'node:path';
import { freeLiveKitPorts, startLiveKitServer, type LiveKitPorts, type RunningLiveKit } from '../livekit-server';
import { waitUntilReady } from './process';
import type { RunningRedis } from './redis';

export interface LiveKitKeys {
  apiKey: string;
  apiSecret: string;
}

export interface LiveKitNode {
  /** A, B, …: how people and logs name it */
  readonly name: string;
  /** LiveKit's own id (ND_…), as Redis and CreateRoom's nodeId know it; a new one after restart() */
  readonly id: string;
  readonly url: string;
  readonly ports: LiveKitPorts;
  readonly logFile: string;
  running(): boolean;
  /** a signal (SIGKILL by default, as a crash); resolves once the process is gone */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** starts it again on the same ports (HAProxy's backend stays right), after a kill or stop */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface NodeOptions {
  redis: RunningRedis;
  keys: LiveKitKeys;
  webhookUrl: string;
  logDir: string;
}

/**
 * One LiveKit node of the cluster: the repo's config with the shared Redis, the cluster's keys and
 * its own ports. Started one at a time: the node's id is the key it adds to Redis's `nodes` hash.
 */
export async function startLiveKitNode(name: string, options: NodeOptions): Promise<LiveKitNode> {
  const ports = await freeLiveKitPorts();
  const logFile = path.join(options.logDir, `livekit-${name}.log`);
  let server: RunningLiveKit | undefined;
  let id = '';
  const start = async () => {
    const before = new Set(await options.redis.command('HKEYS', 'nodes'));
    server = await startLiveKitServer({
      name: `cluster-${name}-${process.pid}`,
      ports,
      redisAddress: options.redis.address,
      keys: options.keys,
      webhookUrl: options.webhookUrl,
      logFile,
    });
    try {
      await waitUntilReady(
        `LiveKit node ${name} in Redis`,
        async () => {
          const added = (await options.redis.command('HKEYS', 'nodes')).find((key) => !before.has(key));
          if (added) id = added;
          return added !== undefined;
        },
        { logFile, timeoutMs: 10_000 },
      );
    } catch (error) {
      await server.stop();
      throw error;
    }
  };
  await start();
  const running = () => server !== undefined && server.process.exitCode === null && server.process.signalCode === null;
  return {
    name,
    get id() {
      return id;
    },
    url: `http://127.0.0.1:${ports.http}`,
    ports,
    logFile,
    running,
    kill: async (signal = 'SIGKILL') => {
      if (!running()) return;
      const exited = new Promise((resolve) => server!.process.once('exit', resolve));
      server!.process.kill(signal);
      await exited;
    },
    restart: async () => {
      if (running()) await server!.stop();
      await start();
    },
    stop: async () => {
      await server?.stop();
    },
  };
}

export async function startLiveKitNodes(names: string[], options: NodeOptions): Promise<LiveKitNode[]> {
  const nodes: LiveKitNode[] = [];
  try {
    for (const name of names) nodes.push(await startLiveKitNode(name, options));
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop()));
    throw error;
  }
  return nodes;
}
