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
  name: string;
  /** LiveKit's own id (ND_…), as Redis and CreateRoom's nodeId know it */
  id: string;
  url: string;
  ports: LiveKitPorts;
  logFile: string;
  running(): boolean;
  kill(signal?: NodeJS.Signals): void;
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
  const before = new Set(await options.redis.command('HKEYS', 'nodes'));
  const logFile = path.join(options.logDir, `livekit-${name}.log`);
  const server: RunningLiveKit = await startLiveKitServer({
    name: `cluster-${name}-${process.pid}`,
    ports: await freeLiveKitPorts(),
    redisAddress: options.redis.address,
    keys: options.keys,
    webhookUrl: options.webhookUrl,
    logFile,
  });
  let id: string | undefined;
  try {
    await waitUntilReady(
      `LiveKit node ${name} in Redis`,
      async () => {
        id = (await options.redis.command('HKEYS', 'nodes')).find((key) => !before.has(key));
        return id !== undefined;
      },
      { logFile, timeoutMs: 10_000 },
    );
  } catch (error) {
    await server.stop();
    throw error;
  }
  const running = () => server.process.exitCode === null && server.process.signalCode === null;
  return {
    name,
    id: id!,
    url: server.url,
    ports: server.ports,
    logFile,
    running,
    kill: (signal = 'SIGKILL') => void (running() && server.process.kill(signal)),
    stop: server.stop,
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
