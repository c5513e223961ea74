import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { AccessToken } from 'livekit-server-sdk';
import { Client } from 'pg';
import { POST } from '@/app/api/livekit/webhook/route';
import { openDatabase, type OpenDatabase } from '@/lib/db';
import type { ParticipantView } from '@/lib/livekit/types';
import {
  notifyRoomChange,
  openRoomEventHub,
  roomChangeFrom,
  roomEventHub,
  type RoomChange,
  type RoomEventHub,
} from '@/lib/events/room-events-store';
import { roomEventStream } from '@/lib/events/room-stream';
import { freshDataDir, POSTGRES_URL } from '../helpers/actors';
import { eventually, testServer, uniqueRoom } from '../helpers/participants';

type Where = Parameters<typeof openDatabase>[0];

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function replica(where: Where): Promise<{ open: OpenDatabase; hub: RoomEventHub; seen: RoomChange[]; downs: number[] }> {
  const open = await openDatabase(where);
  const hub = openRoomEventHub(where, Promise.resolve(open.db));
  cleanups.push(() => open.close(), () => hub.close());
  const seen: RoomChange[] = [];
  const downs: number[] = [];
  cleanups.push(async () => unsubscribe());
  const unsubscribe = hub.subscribe({ change: (change) => seen.push(change), down: () => downs.push(Date.now()) });
  expect(await hub.listening(10_000)).toBe(true);
  return { open, hub, seen, downs };
}

const change = (room: string, kind: RoomChange['kind'] = 'participant_joined'): RoomChange => ({ kind, room, at: Date.now() });

/** Reads the stream's text until `until` matches it. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: RegExp, sofar = { text: '' }): Promise<string> {
  const decoder = new TextDecoder();
  while (!until.test(sofar.text)) {
    const { value, done } = await reader.read();
    if (done) throw new Error(`stream ended before ${until}; read: ${sofar.text}`);
    sofar.text += decoder.decode(value);
  }
  return sofar.text;
}

describe('room changes from webhooks', () => {
  it('takes the six room-changing events, small enough for NOTIFY, and nothing else', () => {
    expect(roomChangeFrom({ event: 'participant_joined', room: 'stage', createdAt: 5 })).toEqual({ kind: 'participant_joined', room: 'stage', at: 5 });
    expect(roomChangeFrom({ event: 'track_unpublished', room: 'stage', createdAt: 5 })?.kind).toBe('track_unpublished');
    expect(roomChangeFrom({ event: 'egress_started', room: 'stage', createdAt: 5 })).toBeNull();
    const fan = { identity: 'fan', sid: 'PA_1' } as unknown as ParticipantView;
    expect(roomChangeFrom({ event: 'participant_left', room: 'stage', createdAt: 5, participant: fan })?.participant).toEqual({ identity: 'fan', sid: 'PA_1', row: fan });
    const loud = { ...fan, metadata: 'm'.repeat(5000) } as ParticipantView;
    expect(roomChangeFrom({ event: 'participant_joined', room: 'stage', createdAt: 5, participant: loud })?.participant).toEqual({ identity: 'fan', sid: 'PA_1' });
    expect(roomChangeFrom({ event: 'track_published', room: 'stage', createdAt: 5, participant: fan })?.participant).toBeUndefined();
    expect(roomChangeFrom({ event: 'room_started', room: 'x'.repeat(9000), createdAt: 5 })).toEqual({ kind: 'room_started', room: null, at: 5 });
  });

  it('a signed webhook reaches the process hub’s subscribers', async () => {
    const room = uniqueRoom('hooked');
    const seen: RoomChange[] = [];
    cleanups.push(async () => unsubscribe());
    const unsubscribe = roomEventHub().subscribe({ change: (c) => seen.push(c), down: () => {} });
    expect(await roomEventHub().listening(10_000)).toBe(true);
    const body = JSON.stringify({ event: 'participant_joined', id: `EV_${room}`, createdAt: '1790000000', room: { name: room }, participant: { identity: 'a' } });
    const token = new AccessToken(testServer().apiKey, testServer().apiSecret);
    token.sha256 = createHash('sha256').update(body).digest('base64');
    const response = await POST(new Request('http://localhost/api/livekit/webhook', { method: 'POST', headers: { authorization: await token.toJwt() }, body }));
    expect(response.status).toBe(200);
    await eventually(async () => seen, (list) => list.some((c) => c.room === room));
    // a join carries who joined and their row, so room pages show it before LiveKit's batched update
    expect(seen.find((c) => c.room === room)).toEqual({
      kind: 'participant_joined',
      room,
      at: 1790000000000,
      participant: { identity: 'a', sid: '', row: expect.objectContaining({ identity: 'a', sid: '' }) },
    });
  });
});

const databases: Array<[string, (() => Where) | undefined]> = [
  ['PGlite', () => ({ kind: 'pglite', dir: path.join(freshDataDir(), 'pglite') })],
  // PostgreSQL runs where DATABASE_URL points at a server (.ci/run starts one); elsewhere it shows as skipped
  ['PostgreSQL', POSTGRES_URL ? () => ({ kind: 'postgres', url: POSTGRES_URL! }) : undefined],
];

describe.each(databases)('room event fan-out on %s', (_kind, config) => {
  it.skipIf(!config)('a NOTIFY reaches the subscribers, and a malformed one is dropped', async () => {
    const { open, seen } = await replica(config!());
    const room = uniqueRoom('notify');
    await open.db.execute(sql.raw(`select pg_notify('stagekeeper_rooms', '{"kind":"nonsense"}')`));
    await notifyRoomChange(open.db, change(room));
    await eventually(async () => seen, (list) => list.length > 0);
    expect(seen.map((c) => c.room)).toEqual([room]);
  });

  it.skipIf(!config)('the event stream sends hello, room events and heartbeats, and unsubscribes when the client goes', async () => {
    const { open, hub } = await replica(config!());
    const before = hub.subscriberCount();
    const client = new AbortController();
    const response = await roomEventStream(hub, client.signal, { heartbeatMs: 50 });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('cache-control')).toMatch(/no-cache/);
    expect(response.headers.get('x-accel-buffering')).toBe('no');
    const reader = response.body!.getReader();
    const sofar = { text: '' };
    await readUntil(reader, /event: hello\ndata: \{"streams":\d+\}/, sofar);
    expect(hub.subscriberCount()).toBe(before + 1);
    const room = uniqueRoom('streamed');
    await notifyRoomChange(open.db, change(room, 'room_started'));
    await readUntil(reader, new RegExp(`event: room\\ndata: \\{"kind":"room_started","room":"${room}"`), sofar);
    await readUntil(reader, /: heartbeat \d+/, sofar);

    client.abort();
    expect(hub.subscriberCount()).toBe(before);

    const second = await roomEventStream(hub, new AbortController().signal);
    expect(hub.subscriberCount()).toBe(before + 1);
    await second.body!.cancel();
    expect(hub.subscriberCount()).toBe(before);
  });

  it.skipIf(!config)('ends a stream after its maximum age with a reconnect event', async () => {
    const { hub } = await replica(config!());
    const before = hub.subscriberCount();
    const response = await roomEventStream(hub, new AbortController().signal, { maxAgeMs: 100 });
    const text = await new Response(response.body).text();
    expect(text).toMatch(/event: hello[\s\S]*event: reconnect\ndata: \{\}\n\n$/);
    expect(hub.subscriberCount()).toBe(before);
  });
});

describe.skipIf(!POSTGRES_URL)('room event fan-out across replicas on PostgreSQL', () => {
  const where = (): Where => ({ kind: 'postgres', url: POSTGRES_URL! });

  it('a change published by one replica reaches the other', async () => {
    const a = await replica(where());
    const b = await replica(where());
    const room = uniqueRoom('fanout');
    await notifyRoomChange(a.open.db, change(room));
    await eventually(async () => b.seen, (list) => list.some((c) => c.room === room));
    await eventually(async () => a.seen, (list) => list.some((c) => c.room === room));
  });

  it('LISTEN reconnects after its connection is killed; open streams end so pages poll meanwhile', async () => {
    const a = await replica(where());
    const b = await replica(where());
    const stream = await roomEventStream(b.hub, new AbortController().signal);
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    cleanups.push(() => admin.end());
    const { rowCount } = await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'stagekeeper-listen' and pid <> pg_backend_pid()`,
    );
    expect(rowCount).toBeGreaterThanOrEqual(2);
    await eventually(async () => b.downs.length, (downs) => downs > 0);
    await expect(new Response(stream.body).text()).resolves.toMatch(/event: hello/);
    expect(await b.hub.listening(15_000)).toBe(true);

    const room = uniqueRoom('after-drop');
    await notifyRoomChange(a.open.db, change(room));
    await eventually(async () => b.seen, (list) => list.some((c) => c.room === room));
  });
});
