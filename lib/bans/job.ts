import 'server-only';
import { ejectBanned } from '@/lib/bans/service';
import { mapWithConcurrency } from '@/lib/concurrency';
import { database, type BanRow } from '@/lib/db';
import {
  activeBanFor,
  activeBans,
  allPendingEjections,
  dropPendingEjection,
  dueEjections,
  makePendingEjectionsDue,
} from '@/lib/bans/store';
import { runExclusive } from '@/lib/db/locks';
import * as livekit from '@/lib/livekit';
import { retryLockedEjection } from '@/lib/access/lock-eject-service';
import { roomsDue, shareListings } from '@/lib/history/join-checks-service';
import { RoomChecks } from '@/lib/room-checks';

export interface SweepReport {
  activeBans: number;
  rooms: number;
  participants: number;
  ejected: number;
  /** ejects that failed and now wait as pending ejections */
  pending: number;
  /** rooms whose participants could not be listed (ended meanwhile, or LiveKit failed) */
  unlistedRooms: number;
  /** banned rooms left unlisted this time: quiet since their last listing (lib/room-checks) */
  quietRooms: number;
  livekitCalls: number;
  durationMs: number;
}

const LIST_CONCURRENCY = 8;

/**
 * Removes every banned identity that is in a room now, e.g. one that joined while no dashboard was
 * there to receive the webhook. One ListRooms, then one ListParticipants per room, 8 at a time; only
 * the banned rooms when no ban covers every room, and no LiveKit call at all when nobody is banned.
 * With `checks` (the periodic loop), only the rooms that may have changed since this replica last
 * listed them: a join since, or the safety net's interval passed (lib/room-checks). Runs once per
 * cluster at a time: null when another replica (or caller) is sweeping now.
 */
const SWEEP_JOB = 'bans:sweep';

export async function sweepBans(checks?: RoomChecks): Promise<SweepReport | null> {
  const run = await runExclusive(SWEEP_JOB, () => sweepOnce(checks));
  return run.ran ? run.value : null;
}

async function sweepOnce(checks: RoomChecks | undefined): Promise<SweepReport> {
  const started = performance.now();
  const db = await database();
  const [bans, pending] = await Promise.all([activeBans(db), allPendingEjections(db)]);
  const report: SweepReport = {
    activeBans: bans.length, rooms: 0, participants: 0, ejected: 0, pending: 0, unlistedRooms: 0, quietRooms: 0, livekitCalls: 0, durationMs: 0,
  };
  if (bans.length > 0) {
    const everyRoom = bans.some((ban) => ban.room === null);
    const rooms = await livekit.listRooms(everyRoom ? undefined : [...new Set(bans.map((ban) => ban.room!))]);
    report.livekitCalls += 1;
    report.rooms = rooms.length;
    // a ban made since a room's last listing makes it due as a join does
    const newestBan = (room: string) => bans.find((ban) => ban.room === null || ban.room === room)?.createdAt;
    const live = rooms.map(({ name }) => name);
    const due = await roomsDue(SWEEP_JOB, live, checks, newestBan);
    const listed: string[] = [];
    report.quietRooms = rooms.length - due.length;
    // the retry loop owns these, with their backoff
    const retrying = new Set(pending.map(({ room, identity }) => `${room}\n${identity}`));
    await mapWithConcurrency(due, LIST_CONCURRENCY, async (room) => {
      report.livekitCalls += 1;
      const listedAt = checks?.clock();
      const participants = await livekit.listParticipantsOfListedRoom(room).catch(() => undefined);
      if (participants && listedAt !== undefined) checks?.listed(room, listedAt);
      if (!participants) {
        report.unlistedRooms += 1;
        return;
      }
      listed.push(room);
      report.participants += participants.length;
      for (const { identity } of participants) {
        if (!banFor(bans, identity, room) || retrying.has(`${room}\n${identity}`)) continue;
        // read again at the eject: the ban may have been lifted (or run out) since the sweep began
        const ban = await activeBanFor(db, identity, room);
        if (!ban) continue;
        report.livekitCalls += 1;
        const outcome = await ejectBanned(room, identity, ban, { cause: 'sweep' });
        if (outcome === 'removed') report.ejected += 1;
        if (outcome === 'pending') report.pending += 1;
      }
    });
    await shareListings(SWEEP_JOB, checks, listed, live);
  }
  report.durationMs = Math.round(performance.now() - started);
  return report;
}

/** The newest active ban (they come newest first) that covers `identity` in `room`. */
function banFor(bans: BanRow[], identity: string, room: string): BanRow | undefined {
  return bans.find((ban) => ban.identity === identity && (ban.room === null || ban.room === room));
}

/**
 * Tries again every pending ejection whose backoff has passed; one whose ban was lifted or ran out
 * meanwhile is dropped (unless the room is locked to them: lib/room-lock-eject). Once per cluster at a time. Answers how many were due.
 */
export async function retryDueEjections(now = new Date()): Promise<number> {
  const run = await runExclusive('bans:retry', async () => {
    const db = await database();
    const due = await dueEjections(db, now);
    await mapWithConcurrency(due, 4, async ({ room, identity }) => {
      const ban = await activeBanFor(db, identity, room, now);
      if (ban) await ejectBanned(room, identity, ban, { cause: 'retry' });
      // a locked room's eject has no ban behind it: tried again while the room is still locked to them
      else if (!(await retryLockedEjection(room, identity))) await dropPendingEjection(db, room, identity);
    });
    return due.length;
  });
  return run.ran ? run.value : 0;
}

/**
 * Keeps bans holding with or without webhooks: a sweep now, every 30 s (of the rooms a join or the
 * safety net makes due) and a full one whenever LiveKit answers
 * again after it could not be reached (when webhooks could not reach us either); pending ejections
 * are tried every second once their backoff has passed, and at once after LiveKit answers again.
 * Started once per process by lib/startup; the timers do not keep it alive.
 */
export function enforceBansContinuously({ sweepEveryMs = 30_000, retryEveryMs = 1_000, checks = new RoomChecks() } = {}): void {
  const sweep = (why: string) =>
    void sweepBans(checks)
      .then((report) => {
        if (report && (report.ejected > 0 || report.pending > 0)) {
          console.log(`[bans] sweep (${why}): ${report.ejected} removed, ${report.pending} pending`);
        }
      })
      .catch((error: unknown) => console.error(`[bans] sweep (${why}) failed: ${(error as Error).message}`));
  const retry = () =>
    void retryDueEjections().catch((error: unknown) => console.error(`[bans] retrying ejections failed: ${(error as Error).message}`));
  sweep('start');
  setInterval(() => sweep('periodic'), sweepEveryMs).unref();
  setInterval(retry, retryEveryMs).unref();
  livekit.onLiveKitReconnected(() => {
    void database()
      .then((db) => makePendingEjectionsDue(db))
      .then(retry, (error: unknown) => console.error('[bans] could not reschedule pending ejections', error));
    checks.forgetAll();
    sweep('LiveKit answers again');
  });
}
