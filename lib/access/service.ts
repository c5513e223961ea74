import 'server-only';
import { database } from '@/lib/db';
import { withLock } from '@/lib/db/locks';
import { decideTickets } from '@/lib/access/lobby-store';
import { admitIdentities, clearAdmissions, isAdmittedIdentity, readAccessRow, writeAccessRow } from '@/lib/access/store';
import { publishLobbyChange } from '@/lib/access/notify-service';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { isReservedIdentity } from '@/lib/livekit/tokens';
import type { RoomAccessMode, RoomAccessState } from '@/lib/access/shared';

export { ROOM_ACCESS_MODES, type RoomAccessMode, type RoomAccessState } from '@/lib/access/shared';

/** open, knock or locked; a room nobody ever changed is open. Read from the database, so every replica agrees. */
export async function roomAccess(room: string): Promise<RoomAccessMode> {
  return (await roomAccessState(room)).mode;
}

export async function roomAccessState(room: string): Promise<RoomAccessState> {
  const row = await readAccessRow(await database(), room);
  return {
    room,
    mode: row?.mode ?? 'open',
    changedAt: row?.changedAt.toISOString() ?? null,
    changedBy: row?.changedBy ?? null,
  };
}

/** Whether the identity passes the room's knock or lock: admitted from the lobby, or present when it stopped being open. */
export async function isAdmitted(room: string, identity: string): Promise<boolean> {
  return isAdmittedIdentity(await database(), room, identity);
}

export interface RoomAccessChange {
  room: string;
  before: RoomAccessMode;
  mode: RoomAccessMode;
  /** identities present now and admitted by this change (they stay, and may come back) */
  admittedPresent: string[];
  /** lobby tickets this change decided: admitted when opening, refused as locked when locking */
  decidedTickets: string[];
}

/**
 * Everyone present counts as "already in", except Stagekeeper's own hidden observers. A listing
 * asked for now, not one shared from the last second: someone who joined the open room meanwhile
 * would be left out of the admissions and swept as a newcomer.
 */
async function presentIdentities(room: string): Promise<string[]> {
  try {
    const participants = await livekit.listParticipants(room, { since: Date.now() });
    return participants.map((participant) => participant.identity).filter((identity) => !isReservedIdentity(identity));
  } catch (error) {
    if (error instanceof LiveKitError && error.code === 'not_found') return [];
    throw error;
  }
}

/**
 * Sets the room's access mode, one change at a time per room across replicas. Leaving open (or
 * tightening to locked) admits everyone in the room now, so they stay and may reconnect; callers
 * that have just listed the room pass `present`, otherwise LiveKit is asked (and when it cannot be,
 * this throws and nothing changes). Opening forgets the admissions and admits the lobby; locking
 * refuses the lobby. Setting the mode the room already has changes nothing.
 * The caller audits: a moderator's change goes through the `setRoomAccessMode` action.
 */
export async function setRoomAccess(
  room: string,
  mode: RoomAccessMode,
  actor: { email: string } | null,
  { present }: { present?: readonly string[] } = {},
): Promise<RoomAccessChange> {
  const change = await withLock(`room-access:${room}`, async (): Promise<RoomAccessChange> => {
    const db = await database();
    const before = (await readAccessRow(db, room))?.mode ?? 'open';
    const unchanged: RoomAccessChange = { room, before, mode, admittedPresent: [], decidedTickets: [] };
    if (before === mode) return unchanged;
    const admittedPresent = mode === 'open' ? [] : [...(present ?? (await presentIdentities(room)))];
    const by = actor?.email ?? null;
    return db.transaction(async (tx) => {
      const transaction = tx as unknown as typeof db;
      await writeAccessRow(transaction, room, mode, by);
      await admitIdentities(transaction, room, admittedPresent, 'present', by);
      let decided: { identity: string }[] = [];
      if (mode === 'open') {
        await clearAdmissions(transaction, room);
        decided = await decideTickets(transaction, room, undefined, 'admitted', by);
      } else if (mode === 'locked') {
        decided = await decideTickets(transaction, room, undefined, 'locked', by);
      }
      return { ...unchanged, admittedPresent, decidedTickets: decided.map((ticket) => ticket.identity) };
    });
  });
  if (change.before !== change.mode) {
    // a listing from before the lock would hide from the sweeps whoever joined since
    livekit.forgetListing(room);
    await publishLobbyChange(room);
  }
  return change;
}
