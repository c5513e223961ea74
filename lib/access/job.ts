import 'server-only';
import { mapWithConcurrency } from '@/lib/concurrency';
import { database } from '@/lib/db';
import { runExclusive } from '@/lib/db/locks';
import * as livekit from '@/lib/livekit';
import { admittedAmong, lockedRoomNames } from '@/lib/access/store';
import { ejectIfLockedOut, exemptFromLock } from '@/lib/access/lock-eject-service';
import { allPendingEjections } from '@/lib/bans/store';
import { roomsDue, shareListings } from '@/lib/history/join-checks-service';
import { RoomChecks } from '@/lib/room-checks';

export interface LockedSweepReport {
  lockedRooms: number;
  /** locked rooms LiveKit has now */
  liveRooms: number;
  ejected: number;
  /** rooms whose participants could not be listed (ended meanwhile, or LiveKit failed) */
  unlistedRooms: number;
  /** live locked rooms left unlisted this time: quiet since their last listing (lib/room-checks) */
  quietRooms: number;
}

const LIST_CONCURRENCY = 8;

/**
 * Removes from every locked room whoever is in it but was neither there when it was locked nor
 * admitted since: a join whose webhook never came (or came while the lock was being written, and
 * found the room still open), like the ban sweep does for bans. No LiveKit call when no room is
 * locked; one ListRooms of the locked rooms, then one ListParticipants per live one. Each eject
 * checks the room and the admission again first (lib/access/lock-eject-service). Once per cluster
 * at a time: null when another replica is sweeping now. With `checks` (the periodic loop), only
 * the locked rooms a join since their last listing, or the safety net, makes due (lib/room-checks).
 */
const SWEEP_JOB = 'access:locked-sweep';

export async function sweepLockedRooms(checks?: RoomChecks): Promise<LockedSweepReport | null> {
  const run = await runExclusive(SWEEP_JOB, () => sweepOnce(checks));
  return run.ran ? run.value : null;
}

async function sweepOnce(checks: RoomChecks | undefined): Promise<LockedSweepReport> {
  const db = await database();
  const locked = await lockedRoomNames(db);
  const report: LockedSweepReport = { lockedRooms: locked.length, liveRooms: 0, ejected: 0, unlistedRooms: 0, quietRooms: 0 };
  if (locked.length === 0) return report;
  const rooms = await livekit.listRooms(locked);
  report.liveRooms = rooms.length;
  const live = rooms.map(({ name }) => name);
  const due = await roomsDue(SWEEP_JOB, live, checks);
  const listed: string[] = [];
  report.quietRooms = rooms.length - due.length;
  // the bans' retry loop owns these, with their backoff
  const retrying = new Set((await allPendingEjections(db)).map(({ room, identity }) => `${room}\n${identity}`));
  await mapWithConcurrency(due, LIST_CONCURRENCY, async (room) => {
    const listedAt = checks?.clock();
    const participants = await livekit.listParticipantsOfListedRoom(room).catch(() => undefined);
    if (participants && listedAt !== undefined) checks?.listed(room, listedAt);
    if (!participants) {
      report.unlistedRooms += 1;
      return;
    }
    listed.push(room);
    const candidates = participants.filter(
      (participant) => !exemptFromLock(participant.identity, participant) && !retrying.has(`${room}\n${participant.identity}`),
    );
    const admitted = await admittedAmong(db, room, candidates.map((participant) => participant.identity));
    for (const participant of candidates) {
      if (admitted.has(participant.identity)) continue;
      if (await ejectIfLockedOut(room, participant.identity, participant, 'sweep')) report.ejected += 1;
    }
  });
  await shareListings(SWEEP_JOB, checks, listed, live);
  return report;
}

export const LOCKED_SWEEP_EVERY_MS = 30_000;

/** A locked-room sweep now and every `everyMs` (started once per process by lib/startup); the timer does not keep it alive. */
export function sweepLockedRoomsContinuously({ everyMs = LOCKED_SWEEP_EVERY_MS, checks = new RoomChecks() } = {}): void {
  livekit.onLiveKitReconnected(() => checks.forgetAll());
  const sweep = () =>
    void sweepLockedRooms(checks)
      .then((report) => {
        if (report && report.ejected > 0) console.log(`[access] locked-room sweep removed ${report.ejected}`);
      })
      .catch((error: unknown) => console.error(`[access] locked-room sweep failed: ${(error as Error).message}`));
  sweep();
  setInterval(sweep, everyMs).unref();
}
