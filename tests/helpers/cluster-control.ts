import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cluster } from '../../scripts/lib/cluster';
import { waitForHealthyReplicas } from '../../scripts/lib/cluster';

/** What a test sees of the cluster: plain data, read again after a node restarts with a new id. */
export interface ClusterState {
  dashboardUrl: string;
  livekitUrl: string;
  keys: { apiKey: string; apiSecret: string };
  admin: { email: string; password: string };
  appKey: string;
  databaseUrl: string;
  livekitTimeoutMs: number;
  /** the build's NEXT_DEPLOYMENT_ID, for replicas a test starts itself */
  deploymentId: string;
  nodes: Array<{ name: string; id: string; url: string; running: boolean; logFile: string }>;
  replicas: Array<{ name: string; url: string; running: boolean }>;
}

export type ControlRequest =
  | { op: 'kill'; target: string; signal?: NodeJS.Signals }
  | { op: 'restart' | 'stop'; target: string }
  | { op: 'haproxy'; command: string }
  | { op: 'redis'; args: string[] }
  | { op: 'create-database'; name: string };

export function clusterState(cluster: Cluster): ClusterState {
  return {
    dashboardUrl: cluster.dashboardUrl,
    livekitUrl: cluster.livekitUrl,
    keys: cluster.keys,
    admin: cluster.shared.admin,
    appKey: cluster.shared.appKey,
    databaseUrl: cluster.shared.databaseUrl,
    livekitTimeoutMs: cluster.shared.livekitTimeoutMs,
    deploymentId: cluster.shared.deploymentId,
    nodes: cluster.nodes.map((node) => ({ name: node.name, id: node.id, url: node.url, running: node.running(), logFile: node.logFile })),
    replicas: cluster.replicas.map((replica) => ({ name: replica.name, url: replica.url, running: replica.running() })),
  };
}

/**
 * The cluster's processes are children of vitest's main process (its global setup), and tests run
 * in workers: they kill and restart parts through this loopback endpoint.
 */
export async function startControl(cluster: Cluster): Promise<{ url: string; close(): Promise<void> }> {
  const handle = async (request: ControlRequest): Promise<unknown> => {
    switch (request.op) {
      case 'kill':
      case 'restart':
      case 'stop': {
        const [kind, name] = request.target.split(':');
        const part =
          kind === 'node'
            ? cluster.nodes.find((node) => node.name === name)
            : kind === 'replica'
              ? cluster.replicas.find((replica) => replica.name === name)
              : undefined;
        if (!part) throw new Error(`no ${request.target} in the cluster`);
        // a replica's exit is answered as `exited`: how a SIGTERM ended it
        if (request.op === 'kill') {
          const exited = await part.kill(request.signal);
          if (exited) return { ...clusterState(cluster), exited };
        }
        if (request.op === 'stop') await part.stop();
        if (request.op === 'restart') {
          await part.restart();
          if (kind === 'replica') {
            const running = cluster.replicas.filter((replica) => replica.running()).length;
            await waitForHealthyReplicas(cluster.haproxy, running);
          }
        }
        return clusterState(cluster);
      }
      case 'haproxy':
        return cluster.haproxy.admin(request.command);
      case 'redis':
        return cluster.redis.command(...request.args);
      case 'create-database':
        return cluster.postgres.createDatabase(request.name);
    }
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const reply = req.method === 'GET' ? Promise.resolve(clusterState(cluster)) : handle(JSON.parse(body) as ControlRequest);
      reply.then(
        (value) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(value ?? null)),
        (error: unknown) => res.writeHead(500).end(String((error as Error).message ?? error)),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
