import 'server-only';
import type { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import type { Database } from '@/lib/db';
import type { Env } from '@/lib/env';

export interface NotificationHandlers {
  notification(payload: string): void;
  /** LISTEN is in place (again): from now on no notification is missed */
  up(): void;
  /** the connection dropped; notifications sent until the next up() are lost */
  down(): void;
}

export interface NotificationListener {
  close(): Promise<void>;
}

/** Reconnect delays after a dropped LISTEN connection; the last one repeats. */
const RECONNECT_DELAYS_MS = [250, 500, 1_000, 2_000, 5_000];
/** A LISTEN connection that sends nothing looks the same as a dead one: ask it something this often. */
const PING_EVERY_MS = 15_000;
const PING_TIMEOUT_MS = 5_000;

/**
 * LISTENs on `channel`. PostgreSQL: on a dedicated connection (a pooled one would be handed to other
 * queries and lose the LISTEN), reconnected whenever it drops. PGlite: its own listen(); there is
 * only ever one process on a PGlite folder, and its notifications never drop.
 */
export function listenForNotifications(
  config: Env['database'],
  db: Promise<Database>,
  channel: string,
  handlers: NotificationHandlers,
): NotificationListener {
  if (config.kind === 'pglite') return listenOnPglite(db, channel, handlers);
  return listenOnPostgres(config.url, channel, handlers);
}

function listenOnPglite(db: Promise<Database>, channel: string, handlers: NotificationHandlers): NotificationListener {
  const unlisten = db
    .then((open) => (open as unknown as { $client: PGlite }).$client.listen(channel, handlers.notification))
    .then((stop) => {
      handlers.up();
      return stop;
    });
  unlisten.catch((error: unknown) => console.error(`[rooms] could not LISTEN ${channel} on PGlite`, error));
  return { close: async () => void (await unlisten.then((stop) => stop()).catch(() => undefined)) };
}

function listenOnPostgres(url: string, channel: string, handlers: NotificationHandlers): NotificationListener {
  let closed = false;
  let failures = 0;
  let current: Client | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let pingTimer: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (closed) return;
    const client = new Client({ connectionString: url, keepAlive: true, application_name: 'stagekeeper-listen' });
    current = client;
    let lost = false;
    const lose = (reason: unknown) => {
      if (lost || closed) return;
      lost = true;
      clearInterval(pingTimer);
      current = undefined;
      void client.end().catch(() => undefined);
      if (failures === 0) console.error(`[rooms] lost the LISTEN connection; reconnecting`, reason);
      handlers.down();
      const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)]!;
      failures += 1;
      retryTimer = setTimeout(() => void connect(), delay);
      retryTimer.unref();
    };
    client.on('error', lose);
    client.on('end', () => lose(new Error('connection ended')));
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) handlers.notification(message.payload);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(channel)}`);
    } catch (error) {
      return lose(error);
    }
    if (closed) return void client.end().catch(() => undefined);
    failures = 0;
    pingTimer = setInterval(() => void ping(client).catch(lose), PING_EVERY_MS);
    pingTimer.unref();
    handlers.up();
  };

  void connect();
  return {
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      clearInterval(pingTimer);
      await current?.end().catch(() => undefined);
    },
  };
}

async function ping(client: Client): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.query('select 1'),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('no answer to a ping')), PING_TIMEOUT_MS))),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
