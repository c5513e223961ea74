import 'server-only';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { database, MIGRATIONS_FOLDER } from '@/lib/db';
import { env } from '@/lib/env';
import { probeLiveKit } from '@/lib/livekit/probe';
import { servedOverHttps } from '@/lib/auth/request-origin';
import { pendingBoundMs } from '@/lib/startup';
import { appliedMigrations, largestTables, lastWebhookDelivery, pendingAuditSummary, recentReplicas, recentWebhookRefusals } from './store';
import { ago, bytes, WEBHOOK_PATH, type Check } from './shared';
import { jobChecks } from './jobs-service';
import { livekitServerChecks } from './server-service';

/** How the browser (or the doctor) reached the console: its origin, and whether a proxy says it was HTTPS. */
export interface Reached {
  origin: string;
  https: boolean;
}

interface HeaderSource {
  get(name: string): string | null;
}

/** The origin a request came in on, believing X-Forwarded-* only from trusted proxies (lib/auth/request-origin). */
export function reachedBy(url: string, headers: HeaderSource): Reached {
  const { trustedProxies } = env().auth;
  const https = servedOverHttps(headers, undefined, trustedProxies) || url.startsWith('https://');
  const host = (trustedProxies > 0 && headers.get('x-forwarded-host')?.split(',')[0]?.trim()) || headers.get('host') || new URL(url).host;
  return { origin: `${https ? 'https' : 'http'}://${host}`, https };
}

/** The address LiveKit must post its webhooks to: the public URL when one is set, else where the console was reached. */
export function webhookUrl(reached: Reached): string {
  return `${(env().auth.publicUrl ?? reached.origin).replace(/\/+$/, '')}${WEBHOOK_PATH}`;
}

export const HEARTBEAT_WINDOW_MS = 60_000;
const SKEW_LIMIT_MS = 2_000;

/** Every check but the webhook test (which creates a room: an audited action, lib/diagnostics/actions.ts). */
export async function runDiagnostics(reached: Reached): Promise<Check[]> {
  const sections = await Promise.all([livekitChecks(), livekitServerChecks(), webhookChecks(reached), databaseChecks(), replicaChecks(), jobChecks(), consoleChecks(reached)]);
  return sections.flat();
}

async function livekitChecks(): Promise<Check[]> {
  const probe = await probeLiveKit();
  const reachable: Check = probe.health.answered
    ? {
        id: 'livekit.reachable',
        section: 'livekit',
        label: 'LiveKit reachable',
        status: probe.health.status === 200 ? 'ok' : 'fail',
        detail: `${probe.url} answered ${probe.health.status} in ${probe.health.latencyMs} ms`,
        ...(probe.health.status !== 200 && { fix: 'LiveKit answers but calls itself unhealthy (406: stale node stats); check the node\'s log and Redis.' }),
      }
    : {
        id: 'livekit.reachable',
        section: 'livekit',
        label: 'LiveKit reachable',
        status: 'fail',
        detail: `${probe.url} does not answer (${probe.health.reason})`,
        fix: 'Start LiveKit, or set LIVEKIT_URL to the address this server reaches it on (its port, default 7880).',
      };
  const credentials: Check = probe.credentials.accepted
    ? {
        id: 'livekit.credentials',
        section: 'livekit',
        label: 'API key and secret',
        status: 'ok',
        detail: `accepted (ListRooms: ${probe.credentials.rooms} rooms in ${probe.credentials.latencyMs} ms)`,
      }
    : {
        id: 'livekit.credentials',
        section: 'livekit',
        label: 'API key and secret',
        status: 'fail',
        detail: `an authenticated call failed (${probe.credentials.code}: ${probe.credentials.message})`,
        fix:
          probe.credentials.code === 'permission_denied'
            ? 'Set LIVEKIT_API_KEY and LIVEKIT_API_SECRET to a pair from the keys: section of LiveKit\'s config.'
            : 'Make LiveKit reachable first (the line above); then this call is tried again.',
      };
  return [reachable, credentials];
}

async function webhookChecks(reached: Reached): Promise<Check[]> {
  const db = await database();
  const url = webhookUrl(reached);
  const { apiKey } = env().livekit;
  const [last, refusals] = await Promise.all([lastWebhookDelivery(db), recentWebhookRefusals(db)]);
  const refused = refusals.reduce((total, row) => total + row.count, 0);
  return [
    {
      id: 'webhooks.url',
      section: 'webhooks',
      label: 'Webhook URL',
      status: 'info',
      detail: `LiveKit must post to ${url}, signed with the key ${apiKey}`,
      copy: url,
    },
    last
      ? {
          id: 'webhooks.last',
          section: 'webhooks',
          label: 'Last delivery',
          status: 'ok',
          detail: `${last.event}${last.room ? ` of room ${last.room}` : ''}${last.sender ? ` from ${last.sender}` : ''}, received ${ago(Date.now() - last.receivedAt.getTime())}${
            last.createdAt ? `, ${Math.max(0, last.receivedAt.getTime() - last.createdAt.getTime())} ms after LiveKit sent it` : ''
          }`,
        }
      : {
          id: 'webhooks.last',
          section: 'webhooks',
          label: 'Last delivery',
          status: 'fail',
          detail: 'no webhook has ever been received',
          fix: `Add ${url} under webhook.urls in LiveKit's config, with webhook.api_key: ${apiKey}, and restart LiveKit.`,
        },
    refused === 0
      ? { id: 'webhooks.refused', section: 'webhooks', label: 'Refused deliveries', status: 'ok', detail: 'none in the last hour: every signature was valid' }
      : {
          id: 'webhooks.refused',
          section: 'webhooks',
          label: 'Refused deliveries',
          status: 'fail',
          detail: `${refused} in the last hour (${refusals.map((row) => `${row.reason}: ${row.count}`).join(', ')})`,
          fix: `Set webhook.api_key in LiveKit's config to ${apiKey}, the key whose secret is LIVEKIT_API_SECRET here.`,
        },
  ];
}

function journalEntries(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}

async function databaseChecks(): Promise<Check[]> {
  const db = await database();
  const { database: config, livekitTimeoutMs } = env();
  const [applied, pending, tables] = await Promise.all([appliedMigrations(db), pendingAuditSummary(db), largestTables(db)]);
  const expected = journalEntries();
  const oldestAgeMs = pending.oldest ? Date.now() - pending.oldest.getTime() : 0;
  const stuck = oldestAgeMs > pendingBoundMs(livekitTimeoutMs);
  return [
    { id: 'database.kind', section: 'database', label: 'Kind', status: 'info', detail: config.kind === 'pglite' ? `PGlite in ${config.dir} (one replica only)` : 'PostgreSQL' },
    applied >= expected
      ? { id: 'database.migrations', section: 'database', label: 'Migrations', status: 'ok', detail: `${applied} of ${expected} applied` }
      : {
          id: 'database.migrations',
          section: 'database',
          label: 'Migrations',
          status: 'fail',
          detail: `${applied} of ${expected} applied`,
          fix: 'Restart this replica: it applies the missing migrations before it serves.',
        },
    stuck
      ? {
          id: 'database.pending',
          section: 'database',
          label: 'Pending audit rows',
          status: 'fail',
          detail: `${pending.pending}, the oldest ${ago(oldestAgeMs)}`,
          fix: 'A replica stopped mid-call or cannot complete rows: check the replicas below and their logs; the sweep marks them interrupted.',
        }
      : { id: 'database.pending', section: 'database', label: 'Pending audit rows', status: 'ok', detail: pending.pending === 0 ? 'none' : `${pending.pending}, the oldest ${ago(oldestAgeMs)}` },
    {
      id: 'database.tables',
      section: 'database',
      label: 'Largest tables',
      status: 'info',
      detail: tables.map((table) => `${table.table} ${bytes(table.bytes)}`).join(', ') || 'none',
    },
  ];
}

async function replicaChecks(): Promise<Check[]> {
  const replicas = await recentReplicas(await database(), HEARTBEAT_WINDOW_MS);
  if (replicas.length === 0) {
    return [
      {
        id: 'replicas.none',
        section: 'replicas',
        label: 'Replicas',
        status: 'fail',
        detail: 'no heartbeat in the last minute',
        fix: 'Start the console with npm start (or the standalone server): a replica beats every 15 s once it has started.',
      },
    ];
  }
  return replicas.map((replica): Check => {
    const skew = Math.abs(replica.skewMs) > SKEW_LIMIT_MS;
    return {
      id: `replicas.${replica.replicaId}`,
      section: 'replicas',
      label: `Replica ${replica.replicaId}`,
      status: skew ? 'fail' : 'ok',
      detail: `version ${replica.version}, seen ${ago(Date.now() - new Date(replica.seenAt).getTime())}, clock ${replica.skewMs >= 0 ? '+' : ''}${replica.skewMs} ms against the database`,
      ...(skew && { fix: 'Synchronise this host\'s clock (chrony or systemd-timesyncd): slots, claims and bans expire by time.' }),
    };
  });
}

function consoleChecks(reached: Reached): Check[] {
  const { tokenEndpoint, auth, nodeEnv } = env();
  const publicUrl = auth.publicUrl?.replace(/\/+$/, '');
  const local = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:|$)/.test(reached.origin);
  return [
    {
      id: 'console.token',
      section: 'console',
      label: 'Token endpoint',
      status: 'info',
      detail: tokenEndpoint ? `on (tokens live ${tokenEndpoint.ttlSeconds} s)` : 'off (set STAGEKEEPER_APP_KEY to let the event\'s app ask for tokens)',
    },
    publicUrl === undefined
      ? {
          id: 'console.public-url',
          section: 'console',
          label: 'NEXTAUTH_URL',
          status: nodeEnv === 'production' ? 'fail' : 'info',
          detail: `not set; this page was reached on ${reached.origin}`,
          ...(nodeEnv === 'production' && { fix: `Set NEXTAUTH_URL=${reached.origin} (the address people open), so sign-in redirects come back here.` }),
        }
      : publicUrl === reached.origin
        ? { id: 'console.public-url', section: 'console', label: 'NEXTAUTH_URL', status: 'ok', detail: `${publicUrl}, as this page was reached` }
        : {
            id: 'console.public-url',
            section: 'console',
            label: 'NEXTAUTH_URL',
            status: 'fail',
            detail: `${publicUrl}, but this page was reached on ${reached.origin}`,
            fix: `Set NEXTAUTH_URL=${reached.origin}, or open the console on ${publicUrl} (with STAGEKEEPER_TRUSTED_PROXIES set behind a proxy).`,
          },
    reached.https || local
      ? { id: 'console.https', section: 'console', label: 'HTTPS', status: 'ok', detail: reached.https ? 'served over HTTPS' : 'plain HTTP on this machine only' }
      : {
          id: 'console.https',
          section: 'console',
          label: 'HTTPS',
          status: 'fail',
          detail: `reached over plain HTTP on ${reached.origin}`,
          fix: 'Put a TLS-terminating proxy in front and set STAGEKEEPER_TRUSTED_PROXIES=1, or use an https:// NEXTAUTH_URL.',
        },
  ];
}
