import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { freePort } from '../livekit-server';
import { startLogged, waitUntilReady } from './process';

export const HAPROXY = '/usr/sbin/haproxy';

export interface Backend {
  name: string;
  port: number;
}

export interface RunningHaproxy {
  /** the dashboard as people reach it: NEXTAUTH_URL, LiveKit's webhook target */
  dashboardUrl: string;
  /** LiveKit's signalling (WebSocket) and RoomService API */
  livekitUrl: string;
  /** a command on HAProxy's admin socket, e.g. `set server replicas/r1 state maint` */
  admin(command: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Writes a config for the two front doors: the dashboard replicas (health-checked on /api/health,
 * responses streamed as they come: HAProxy buffers no response and compresses nothing unless told,
 * so server actions and event streams pass through) and the LiveKit nodes (health-checked on `/`;
 * any node takes any signalling connection and relays it to the room's node over Redis).
 */
/** Requests one replica works on at once (event streams go to their own backend, without a limit). */
const REPLICA_MAXCONN = 64;

export function haproxyConfig(ports: { dashboard: number; livekit: number }, replicas: Backend[], nodes: Backend[], socket: string): string {
  const servers = (backends: Backend[], limit = '') =>
    backends.map(({ name, port }) => `  server ${name} 127.0.0.1:${port} check inter 1s fall 3 rise 1${limit}`).join('\n');
  return `global
  maxconn 4096
  stats socket ${socket} mode 600 level admin

defaults
  mode http
  timeout connect 2s
  timeout client 1h
  timeout server 1h
  timeout tunnel 1h
  # a busy replica is slow, not dead: a refused connection (a dead one) fails its check at once
  timeout check 5s
  option forwardfor
  # a connection refused by a server that just died is retried on another one
  retries 2
  option redispatch 1
  retry-on conn-failure

frontend dashboard
  bind 127.0.0.1:${ports.dashboard}
  # an open page's event stream lasts as long as the page: it must not take one of the work slots
  use_backend replica_streams if { path_end /stream }
  default_backend replicas

backend replica_streams
  balance leastconn
  # a draining replica answers 503 before doing anything (proxy.ts): the request goes to the other one
  retry-on conn-failure 503
  http-response set-header x-served-by %[srv_name]
  option httpchk GET /api/health
  http-check expect status 200
${servers(replicas)}

backend replicas
  # a burst waits here, in order, rather than piling hundreds of requests into a replica: a replica
  # that is working through a queue of its own answers its health check late and is taken for dead
  balance leastconn
  timeout queue 60s
  retry-on conn-failure 503
  http-response set-header x-served-by %[srv_name]
  option httpchk GET /api/health
  http-check expect status 200
${servers(replicas, ` maxconn ${REPLICA_MAXCONN}`)}

frontend livekit
  bind 127.0.0.1:${ports.livekit}
  default_backend livekit_nodes

backend livekit_nodes
  balance roundrobin
  option httpchk GET /
  http-check expect status 200
${servers(nodes)}
`;
}

/** Picks the two front-door ports first: LiveKit's webhooks and NEXTAUTH_URL need them before anything starts. */
export async function haproxyPorts() {
  return { dashboard: await freePort(), livekit: await freePort() };
}

export async function startHaproxy(
  ports: { dashboard: number; livekit: number },
  replicas: Backend[],
  nodes: Backend[],
  logDir: string,
): Promise<RunningHaproxy> {
  const socket = path.join(logDir, 'haproxy.sock');
  const configFile = path.join(logDir, 'haproxy.cfg');
  writeFileSync(configFile, haproxyConfig(ports, replicas, nodes, socket));
  const logFile = path.join(logDir, 'haproxy.log');
  const server = startLogged(HAPROXY, ['-db', '-f', configFile], logFile);
  const admin = (command: string) => adminCommand(socket, command);
  await waitUntilReady('haproxy', async () => (await admin('show info')).includes('Name: HAProxy'), { process: server, logFile });
  return {
    dashboardUrl: `http://127.0.0.1:${ports.dashboard}`,
    livekitUrl: `http://127.0.0.1:${ports.livekit}`,
    admin,
    stop: () => server.stop(),
  };
}

function adminCommand(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const client = connect(socket, () => client.end(`${command}\n`));
    client.setEncoding('utf8');
    client.on('data', (chunk) => (answer += chunk));
    client.on('end', () => resolve(answer));
    client.on('error', reject);
  });
}
