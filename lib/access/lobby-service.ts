import 'server-only';
import { database, type LobbyTicketRow } from '@/lib/db';
import { withLock } from '@/lib/db/locks';
import { admissionStillValid, decideTickets, openTicket, touchTicket, waitingTickets, type Knock } from '@/lib/access/lobby-store';
import { roomEventHub } from '@/lib/events/room-events-store';
import { publishLobbyChange } from '@/lib/access/notify-service';
import { findParticipant } from '@/lib/livekit';
import { isAdmitted, roomAccess, roomAccessState } from '@/lib/access/service';
import type { LobbyView, TicketState } from '@/lib/access/shared';

export type { Knock } from '@/lib/access/lobby-store';

/** What the token endpoint does with a request, by the room's access mode. */
export type Admission = { kind: 'pass' } | { kind: 'knock'; ticket: LobbyTicketRow } | { kind: 'locked' };

/**
 * open: everyone passes. knock: identities admitted (from the lobby, or present when the room
 * stopped being open) and anyone in the room now (hosts among them) pass; anyone else gets a waiting
 * ticket. locked: only admitted identities pass. Throws a LiveKitError when LiveKit cannot say who is
 * in a knocking room. The ticket is opened under the room's access lock, so a ticket never waits in
 * a room that was opened or locked meanwhile.
 */
export async function admissionFor(knock: Knock): Promise<Admission> {
  const { room, identity } = knock;
  const mode = await roomAccess(room);
  if (mode === 'open' || (await isAdmitted(room, identity))) return { kind: 'pass' };
  if (mode === 'knock' && (await findParticipant(room, identity))) return { kind: 'pass' };
  const admission = await withLock(`room-access:${room}`, async (): Promise<Admission> => {
    const now = await roomAccess(room);
    if (now === 'open' || (await isAdmitted(room, identity))) return { kind: 'pass' };
    if (now === 'locked') return { kind: 'locked' };
    return { kind: 'knock', ticket: await openTicket(await database(), knock) };
  });
  if (admission.kind === 'knock') await publishLobbyChange(room);
  return admission;
}

/** An admitted ticket past its window to hand out a token reads as expired. */
async function stateOf(row: LobbyTicketRow): Promise<TicketState> {
  if (row.status !== 'admitted') return row.status;
  return (await admissionStillValid(await database(), row.id)) ? 'admitted' : 'expired';
}

export interface TicketAnswer {
  row: LobbyTicketRow;
  state: TicketState;
}

/** Re-checks the ticket this often while holding a request, should a lobby change notification be lost. */
const RECHECK_MS = 5_000;

/**
 * The ticket's state, holding the request up to `waitMs` while it is waiting: it answers as soon as
 * a moderator decides (pushed to every replica as a lobby change), the wait ends, or the caller goes
 * away. Every read keeps a waiting ticket alive. Undefined for an unknown ticket.
 */
export async function awaitTicket(id: string, waitMs: number, signal: AbortSignal): Promise<TicketAnswer | undefined> {
  const db = await database();
  const deadline = Date.now() + waitMs;
  let room: string | undefined;
  // set by a change of the ticket's room; checked before each wait, so a change during a read is not lost
  let changed = false;
  let wake = () => {};
  const unsubscribe = roomEventHub().subscribe({
    change: (change) => {
      if (change.kind !== 'lobby_changed' || (room !== undefined && change.room !== room && change.room !== null)) return;
      changed = true;
      wake();
    },
    down: () => {},
  });
  try {
    let row = await touchTicket(db, id);
    if (!row) return undefined;
    room = row.room;
    while (row.status === 'waiting' && Date.now() < deadline && !signal.aborted) {
      if (!changed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.min(RECHECK_MS, deadline - Date.now()));
          function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            wake = () => {};
            resolve();
          }
          wake = done;
          signal.addEventListener('abort', done);
        });
      }
      changed = false;
      row = (await touchTicket(db, id)) ?? row;
    }
    return { row, state: await stateOf(row) };
  } finally {
    unsubscribe();
  }
}

/** The app gave up waiting (its user left the lobby): a waiting ticket expires now and leaves the lobby. */
export async function withdrawTicket(id: string): Promise<(TicketAnswer & { withdrawn: boolean }) | undefined> {
  const db = await database();
  const row = await touchTicket(db, id);
  if (!row) return undefined;
  const withdrawn = row.status === 'waiting' && (await decideTickets(db, row.room, [row.identity], 'expired', null)).length > 0;
  if (withdrawn) {
    await publishLobbyChange(row.room);
    return { row: { ...row, status: 'expired' }, state: 'expired', withdrawn };
  }
  // decided already (perhaps by a moderator just now): that decision stands
  const decided = (await touchTicket(db, id)) ?? row;
  return { row: decided, state: await stateOf(decided), withdrawn };
}

export async function lobbyView(room: string): Promise<LobbyView> {
  const [access, waiting] = await Promise.all([roomAccessState(room), database().then((db) => waitingTickets(db, room))]);
  return {
    access,
    waiting: waiting.map((ticket) => ({ identity: ticket.identity, name: ticket.name, preset: ticket.preset, since: ticket.createdAt.getTime() })),
  };
}
