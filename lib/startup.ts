import 'server-only';
import { accountsReady } from '@/lib/auth/bootstrap';
import { authSecret } from '@/lib/auth/secret';
import { sampleActivityContinuously } from '@/lib/activity/job';
import { enforceBansContinuously } from '@/lib/bans/job';
import { database } from '@/lib/db';
import { beatContinuously } from '@/lib/diagnostics/job';
import { stopCleanlyOnSigterm } from '@/lib/lifecycle/shutdown';
import { markInterrupted, pruneAuditLog } from '@/lib/actions/audit-store';
import { pruneHandsOfEndedRooms } from '@/lib/hands/store';
import { runExclusive } from '@/lib/db/locks';
import { listRooms } from '@/lib/livekit';
import { env, EnvError } from '@/lib/env';
import { keepTimeboxes } from '@/lib/timeboxes/job';
import { watchUnmuteRequests } from '@/lib/unmute-requests/job';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
const SWEEP_PENDING_EVERY_MS = 60 * 1000;

/**
 * Once per server start: a production server without NEXTAUTH_SECRET stops here with a clear
 * message instead of failing on the first sign-in, and the database is migrated (and the first
 * admin created and printed) before anyone asks for a page.
 */
export async function startServer(): Promise<void> {
  const startedAt = new Date();
  try {
    authSecret();
    await accountsReady();
    enforceBansContinuously();
    sampleActivityContinuously();
    // speakers' slots: a slot whose end passed while no dashboard ran ends at the first tick
    keepTimeboxes();
    watchUnmuteRequests();
    beatContinuously();
    stopCleanlyOnSigterm();
  } catch (error) {
    console.error(error instanceof EnvError ? `\n${error.message}\n` : error);
    process.exit(1);
  }
  // before the first request: what the last run left pending is marked by the time anyone reads the log
  await sweepPendingEntries(startedAt);
  setInterval(() => void sweepPendingEntries(startedAt), SWEEP_PENDING_EVERY_MS).unref();
  void pruneOldEntries(env().auditReadRetentionDays);
  setInterval(() => void pruneOldEntries(env().auditReadRetentionDays), PRUNE_EVERY_MS).unref();
  setInterval(() => void pruneEndedRoomHands(), PRUNE_EVERY_MS).unref();
}

/** Hands recorded for the queue order of rooms that have ended, older than an hour; once per cluster at a time. */
export async function pruneEndedRoomHands(): Promise<void> {
  try {
    const run = await runExclusive('hands:prune', async () => {
      const live = (await listRooms()).map((room) => room.name);
      return pruneHandsOfEndedRooms(await database(), live, new Date(Date.now() - HOUR_MS));
    });
    if (run.ran && run.value > 0) console.log(`[hands] forgot ${run.value} hands of rooms that have ended`);
  } catch (error) {
    console.error('[hands] could not forget the hands of ended rooms', error);
  }
}

/**
 * Prunes successful reads and anonymous refusals older than the retention; 0 days keeps them all.
 * Once per cluster at a time (repeating it would only delete nothing).
 */
export async function pruneOldEntries(days: number): Promise<void> {
  if (days === 0) return;
  try {
    const run = await runExclusive('audit:prune', async () => pruneAuditLog(await database(), new Date(Date.now() - days * DAY_MS)));
    if (run.ran && run.value > 0) console.log(`[audit] pruned ${run.value} successful reads and anonymous refusals older than ${days} days`);
  } catch (error) {
    console.error('[audit] could not prune old entries', error);
  }
}

/**
 * Pending entries whose call can no longer be running become `interrupted`: the dashboard stopped
 * between writing the entry and learning the outcome. The embedded PGlite belongs to this one
 * process, so every entry begun before it started is over. On PostgreSQL another replica may still
 * be running its call, so only entries older than any call can take (LiveKit's timeout for each of
 * a few calls, and a margin) qualify; a call that still ends later overwrites `interrupted` with its
 * outcome.
 */
export async function sweepPendingEntries(startedAt: Date): Promise<void> {
  const { database: config, livekitTimeoutMs } = env();
  const before = config.kind === 'pglite' ? startedAt : new Date(Date.now() - pendingBoundMs(livekitTimeoutMs));
  try {
    const run = await runExclusive('audit:interrupted', async () => markInterrupted(await database(), before));
    if (run.ran && run.value > 0) console.log(`[audit] marked ${run.value} pending entries interrupted`);
  } catch (error) {
    console.error('[audit] could not mark interrupted entries', error);
  }
}

/** Longer than any action's call takes: each makes at most a few LiveKit calls, each bounded by the timeout. */
export function pendingBoundMs(livekitTimeoutMs: number): number {
  return 6 * livekitTimeoutMs + 30_000;
}
