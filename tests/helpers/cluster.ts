import { afterAll, describe, inject } from 'vitest';
import { RoomServiceClient } from 'livekit-server-sdk';
import pg from 'pg';
import type { LiveKitTarget } from '../../scripts/lib/participant';
import { builtAction, postAction, signInOverHttp, type ActionResponse } from './app-http';
import type { ClusterState, ControlRequest } from './cluster-control';
import { eventually } from './participants';

export type { ClusterState } from './cluster-control';

const provided = inject('cluster');
/** why the cluster tests cannot run here (a missing Debian package), or undefined */
export const clusterUnavailable = 'unavailable' in provided ? provided.unavailable : undefined;

/** A describe that shows as skipped, with the reason in its name, where the cluster could not start. */
export function describeCluster(name: string, body: () => void) {
  return describe.skipIf(Boolean(clusterUnavailable))(clusterUnavailable ? `${name} (skipped: ${clusterUnavailable})` : name, body);
}

function controlUrl(): string {
  if (!('controlUrl' in provided)) throw new Error(`no cluster: ${clusterUnavailable}`);
  return provided.controlUrl;
}

export async function clusterState(): Promise<ClusterState> {
  const response = await fetch(controlUrl());
  return (await response.json()) as ClusterState;
}

/** Kills, stops or restarts a part (`node:B`, `replica:1`), or asks HAProxy or Redis something. */
export async function control<T = unknown>(request: ControlRequest): Promise<T> {
  const response = await fetch(controlUrl(), { method: 'POST', body: JSON.stringify(request) });
  if (!response.ok) throw new Error(`cluster control ${JSON.stringify(request)}: ${await response.text()}`);
  return (await response.json()) as T;
}

export function node(state: ClusterState, name: string) {
  const found = state.nodes.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no node ${name}`);
  return found;
}

export function replica(state: ClusterState, name: string) {
  const found = state.replicas.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no replica ${name}`);
  return found;
}

/** LiveKit through HAProxy (as participants and the dashboard reach it), or one node directly. */
export function livekitTarget(state: ClusterState, via: 'balancer' | string = 'balancer'): LiveKitTarget {
  return { url: via === 'balancer' ? state.livekitUrl : node(state, via).url, ...state.keys };
}

export function roomService(state: ClusterState, via: 'balancer' | string = 'balancer'): RoomServiceClient {
  const target = livekitTarget(state, via);
  return new RoomServiceClient(target.url, target.apiKey, target.apiSecret);
}

/** Creates `room` on the named node (CreateRoom's nodeId pins it there). */
export async function pinRoom(state: ClusterState, room: string, nodeName: string): Promise<void> {
  await roomService(state).createRoom({ name: room, nodeId: node(state, nodeName).id, emptyTimeout: 120 });
}

/** The node id Redis has the room on. */
export async function roomNodeId(room: string): Promise<string | undefined> {
  const [id] = await control<string[]>({ op: 'redis', args: ['HGET', 'room_node_map', room] });
  return id;
}

export function signIn(baseUrl: string, state: ClusterState): Promise<string> {
  return signInOverHttp(baseUrl, state.admin.email, state.admin.password);
}

/** A server action POSTed the way the browser does, to a replica or through HAProxy. */
export function act(baseUrl: string, cookie: string, action: string, input: unknown): Promise<ActionResponse> {
  return postAction(baseUrl, builtAction(action), [input], { cookie });
}

let pool: pg.Pool | undefined;

/** The cluster's PostgreSQL database, read directly: what the replicas wrote. */
export function clusterDatabase(state: ClusterState): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: state.databaseUrl, max: 2 });
    afterAll(async () => {
      await pool?.end();
      pool = undefined;
    });
  }
  return pool;
}

export interface AuditRow {
  id: string;
  at: Date;
  action: string;
  room: string | null;
  target_identity: string | null;
  target_track: string | null;
  outcome: string;
  error_code: string | null;
  actor_email: string | null;
}

export async function auditRows(
  state: ClusterState,
  where: { room?: string; identity?: string; action?: string },
): Promise<AuditRow[]> {
  const conditions: string[] = [];
  const values: string[] = [];
  for (const [column, value] of [
    ['room', where.room],
    ['target_identity', where.identity],
    ['action', where.action],
  ] as const) {
    if (value === undefined) continue;
    values.push(value);
    conditions.push(`${column} = $${values.length}`);
  }
  const { rows } = await clusterDatabase(state).query<AuditRow>(
    `select id, at, action, room, target_identity, target_track, outcome, error_code, actor_email
       from audit_entries ${conditions.length ? `where ${conditions.join(' and ')}` : ''} order by at, id`,
    values,
  );
  return rows;
}

/** LiveKit finishes the mutes it was sent: lists the tracks once a second until the muted count stops moving. */
export async function settledTracks<T extends { muted: boolean }>(tracks: () => Promise<T[]>): Promise<T[]> {
  let previous = -1;
  const { listed } = await eventually(
    async () => {
      const listed = await tracks();
      const muted = listed.filter((track) => track.muted).length;
      const stable = muted === previous;
      previous = muted;
      return { listed, stable };
    },
    ({ stable }) => stable,
    { intervalMs: 1_000, timeoutMs: 30_000 },
  );
  return listed;
}
