import 'server-only';
import { accountsReady } from '@/lib/auth/bootstrap';
import { authSecret } from '@/lib/auth/secret';
import { sampleActivityContinuously } from '@/lib/activity/job';
import { enforceBansContinuously } from '@/lib/bans/job';
import { sweepLockedRoomsContinuously } from '@/lib/access/job';
import { database } from '@/lib/db';
import { beatContinuously } from '@/lib/diagnostics/job';
import { stopCleanlyOnSigterm } from '@/lib/lifecycle/shutdown';
import { markInterrupted, pruneAuditLog } from '@/lib/actions/audit-store';
import { pruneHandsOfEndedRooms } from '@/lib/hands/store';
import { runExclusive } from '@/lib/db/locks';
import { listRooms } from '@/lib/livekit';
import { env, EnvError } from '@/lib/env';
import { keepTimeboxes } from '@/lib/timeboxes/job';
import { pruneRetentionLogged } from '@/lib/retention/job';
import { watchUnmuteRequests } from '@/lib/unmute-requests/job';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;
const SWEEP_PENDING_EVERY_MS = 60 * 1000;

interface BackgroundJob {
  job: string;
  every: string;
  /** the runExclusive key that makes each run once per cluster at a time */
  lock: string;
  start: (startedAt: Date) => void;
}

/** Runs `run` now (unless told not to) and every `everyMs`; the timer does not keep the process alive. */
const repeat = (everyMs: number, run: () => Promise<void>, { now = true } = {}) => () => {
  if (now) void run();
  setInterval(() => void run(), everyMs).unref();
};

/** Every background job of a replica, with how often it runs and its once-per-cluster lock. */
export const BACKGROUND_JOBS: readonly BackgroundJob[] = [
  { job: 'ban sweep (and pending-eject retries)', every: '30 s (retries 1 s)', lock: 'bans:sweep, bans:retry', start: () => enforceBansContinuously() },
  { job: 'locked-room sweep', every: '30 s', lock: 'access:locked-sweep', start: () => sweepLockedRoomsContinuously() },
  { job: 'activity sampler', every: '30 s', lock: 'activity:sample', start: () => sampleActivityContinuously() },
  // speakers' slots: a slot whose end passed while no dashboard ran ends at the first tick
  { job: 'time-box clock', every: '1 s', lock: 'timeboxes:clock', start: () => void keepTimeboxes() },
  { job: 'unmute-request watcher', every: '1 s', lock: 'unmute-requests:settle', start: () => void watchUnmuteRequests() },
  // its first run is awaited by startServer, before the first request
  {
    job: 'pending-audit sweep',
    every: '60 s',
    lock: 'audit:interrupted',
    start: (startedAt) => repeat(SWEEP_PENDING_EVERY_MS, () => sweepPendingEntries(startedAt), { now: false })(),
  },
  { job: 'audit prune', every: '6 h', lock: 'audit:prune', start: repeat(PRUNE_EVERY_MS, () => pruneOldEntries(env().auditReadRetentionDays)) },
  { job: 'hands of ended rooms', every: '6 h', lock: 'hands:prune', start: repeat(PRUNE_EVERY_MS, () => pruneEndedRoomHands(), { now: false }) },
  { job: 'retention prune', every: '6 h', lock: 'retention:prune', start: repeat(PRUNE_EVERY_MS, () => pruneRetentionLogged()) },
  // every replica beats for itself (the Diagnostics page lists replicas seen in the last minute)
  { job: 'replica heartbeat', every: '15 s', lock: 'none: one row per replica', start: () => beatContinuously() },
];

const STARTED = Symbol.for('stagekeeper.backgroundJobs');
type Holder = { [STARTED]?: true };

/** Starts every job of BACKGROUND_JOBS once per process (Next may load this module more than once). */
function startBackgroundJobs(startedAt: Date): void {
  const holder = globalThis as Holder;
  if (holder[STARTED]) return;
  holder[STARTED] = true;
  for (const { start } of BACKGROUND_JOBS) start(startedAt);
}

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
    startBackgroundJobs(startedAt);
    stopCleanlyOnSigterm();
  } catch (error) {
    console.error(error instanceof EnvError ? `\n${error.message}\n` : error);
    process.exit(1);
  }
  // before the first request: what the last run left pending is marked by the time anyone reads the log
  await sweepPendingEntries(startedAt);
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
 * be running its call: the process running it writes a heartbeat every 15 s (lib/actions/heartbeat-store),
 * so only entries silent for longer than the bound qualify, however long their run; a call that still
 * ends later overwrites `interrupted` with its outcome.
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
