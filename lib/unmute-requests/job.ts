import 'server-only';
import { actionGate, type AuditEntry } from '@/lib/actions/gate';
import { sessionActionGate } from '@/lib/auth/action-gate';
import { mapWithConcurrency } from '@/lib/concurrency';
import { database, type Database, type UnmuteRequestRow } from '@/lib/db';
import { runExclusive } from '@/lib/db/locks';
import { askedUnmuteRequests, settleUnmuteRequest, unmuteRequestView } from '@/lib/unmute-requests/store';
import { notifyRoomChange } from '@/lib/events/room-events-store';
import * as livekit from '@/lib/livekit';
import { settledState } from './shared';

/**
 * The dashboard's side of the answer path. LiveKit sends no webhook when a participant unmutes or
 * changes an attribute, and a participant's data packet reaches only participants (a dashboard tab's
 * observer, if one is open). So one replica at a time reads each asked request's participant with
 * RoomService every second: the track unmuted, or the reply attribute, settles it; past its expiry
 * it expires. Every settlement is written once (the row changes only from `asked`), audited, and
 * pushed to every replica's room pages.
 */
export const UNMUTE_WATCH_EVERY_MS = 1_000;
const READ_CONCURRENCY = 8;

/** One pass; the settled requests. Null when another replica (or caller) is in a pass now. */
export async function settleUnmuteRequests(): Promise<UnmuteRequestRow[] | null> {
  const run = await runExclusive('unmute-requests:settle', settleOnce);
  return run.ran ? run.value : null;
}

async function settleOnce(): Promise<UnmuteRequestRow[]> {
  const db = await database();
  const asked = await askedUnmuteRequests(db);
  if (asked.length === 0) return [];
  const settled: UnmuteRequestRow[] = [];
  await mapWithConcurrency(asked, READ_CONCURRENCY, async (request) => {
    // unreachable LiveKit: no answer can be read, but the request still expires on time
    const participant = await livekit.findParticipant(request.room, request.identity).catch(() => undefined);
    const state = settledState(unmuteRequestView(request), participant, Date.now());
    if (!state) return;
    const row = await settleUnmuteRequest(db, request.id, state);
    if (!row) return;
    settled.push(row);
    await recordSettlement(row);
  });
  await Promise.all([...new Set(settled.map((row) => row.room))].map((room) => publishUnmuteRequestsChanged(db, room)));
  return settled;
}

/** Nothing reaches LiveKit here (the participant answered, or nobody did): one finished row per settlement. */
async function recordSettlement(row: UnmuteRequestRow) {
  const entry: AuditEntry = {
    at: new Date(),
    action: 'tracks.unmuteRequestSettled',
    access: 'moderate',
    actor: null,
    target: { room: row.room, identity: row.identity, trackSid: row.trackSid },
    input: { requestId: row.id, state: row.state, askedBy: row.askedByEmail ?? row.askedBy },
    after: unmuteRequestView(row),
    outcome: { ok: true },
    durationMs: 0,
  };
  await actionGate(sessionActionGate)
    .record(entry)
    .catch((error: unknown) => console.error(`[audit] could not record the ${row.state} unmute request ${row.id}`, error));
}

/** Never throws: a lost message costs a late state on the page, which also re-reads on its own. */
export async function publishUnmuteRequestsChanged(db: Database, room: string): Promise<void> {
  await notifyRoomChange(db, { kind: 'unmute_requests_changed', room, at: Date.now() }).catch((error: unknown) =>
    console.error(`[unmute] could not publish a change of ${room}'s requests`, error),
  );
}

/** Started once per process by lib/startup; runExclusive makes it once per cluster at a time. The returned function stops it (tests). */
export function watchUnmuteRequests(everyMs = UNMUTE_WATCH_EVERY_MS): () => void {
  const pass = () =>
    void settleUnmuteRequests().catch((error: unknown) => console.error(`[unmute] settling requests failed: ${(error as Error).message}`));
  const timer = setInterval(pass, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
