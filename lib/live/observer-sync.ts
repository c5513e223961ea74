import type { ParticipantView } from '@/lib/livekit/types';
import { sameParticipant } from './from-livekit-client';
import type { ParticipantPatch } from './participant-patches';

export interface ObserverSyncDeps<P extends { identity: string }> {
  /** the participant list as the table shows it (the react-query cache) */
  read: () => readonly ParticipantView[] | undefined;
  enqueue: (patch: ParticipantPatch) => void;
  /** patches queued but not yet in the list */
  pending: () => number;
  toRow: (participant: P) => ParticipantView;
  /** changes whenever LiveKit sent this participant's info again */
  revision: (participant: P) => unknown;
}

export interface ObserverSync<P> {
  /** the SDK says this participant changed: rewrite its row if it differs */
  refresh(participant: P): void;
  left(identity: string): void;
  /**
   * Compares what the SDK holds with the table: picks up updates LiveKit sent without an SDK event
   * (a revision the row was not built from), and rows another writer replaced with an older version.
   */
  check(participants: Iterable<P>): void;
  /** after a full re-list replaced the table: the SDK's newer rows win, its joins and leaves since count */
  relisted(participants: Iterable<P>, listStartedAt: number): void;
  reset(): void;
}

/** longer than any re-list takes */
const DEPARTURES_KEPT_MS = 60_000;

/** Which of two rows for one identity LiveKit sent later: a later session, or a higher version of the same one. */
export function isNewer(candidate: ParticipantView, current: ParticipantView): boolean {
  if (candidate.sid !== current.sid) return candidate.joinedAt > current.joinedAt;
  return candidate.version !== undefined && current.version !== undefined && candidate.version > current.version;
}

/**
 * Keeps the table equal to what the observer's SDK knows, without a server call: livekit-client
 * applies every ParticipantUpdate LiveKit sends, but emits events only for some fields (a change of
 * canUpdateMetadata alone, the state or the join time emit nothing), and a moderator's own action
 * may answer after a newer update already arrived.
 */
export function createObserverSync<P extends { identity: string }>(deps: ObserverSyncDeps<P>): ObserverSync<P> {
  /** the revision each participant's row was last built from */
  const seen = new Map<string, unknown>();
  /** the row object the observer last wrote or found equal: another object in the table came from elsewhere */
  const written = new Map<string, ParticipantView>();
  /** leaves since a re-list started, which the list may predate */
  const departures = new Map<string, number>();
  let index: { list: readonly ParticipantView[]; byIdentity: Map<string, ParticipantView> } | undefined;

  const cached = (identity: string): ParticipantView | undefined => {
    const list = deps.read();
    if (!list) return undefined;
    if (index?.list !== list) index = { list, byIdentity: new Map(list.map((row) => [row.identity, row])) };
    return index.byIdentity.get(identity);
  };

  const write = (row: ParticipantView) => {
    written.set(row.identity, row);
    deps.enqueue({ type: 'upsert', participant: row });
  };

  const refresh = (participant: P) => {
    const row = deps.toRow(participant);
    seen.set(participant.identity, deps.revision(participant));
    // with patches queued the table is behind them: comparing with it could drop this one
    const current = deps.pending() === 0 ? cached(participant.identity) : undefined;
    if (current && sameParticipant(current, row)) written.set(row.identity, current);
    else write(row);
  };

  const adoptOrReplace = (participant: P, current: ParticipantView) => {
    const observed = deps.toRow(participant);
    seen.set(participant.identity, deps.revision(participant));
    if (isNewer(observed, current) && !sameParticipant(observed, current)) write(observed);
    else written.set(participant.identity, current);
  };

  return {
    refresh,
    left(identity) {
      seen.delete(identity);
      written.delete(identity);
      const now = Date.now();
      for (const [gone, at] of departures) if (now - at > DEPARTURES_KEPT_MS) departures.delete(gone);
      departures.set(identity, now);
      deps.enqueue({ type: 'remove', identity });
    },
    check(participants) {
      for (const participant of participants) {
        if (seen.get(participant.identity) !== deps.revision(participant)) {
          refresh(participant);
          continue;
        }
        if (deps.pending() > 0) continue;
        const current = cached(participant.identity);
        // absent: removed by an action (a kick); LiveKit's leave follows
        if (current === undefined || current === written.get(participant.identity)) continue;
        adoptOrReplace(participant, current);
      }
    },
    relisted(participants, listStartedAt) {
      const known = new Set<string>();
      for (const participant of participants) {
        known.add(participant.identity);
        const current = cached(participant.identity);
        // the SDK knows a participant the list lacks: joined after the list was read, or left and
        // LiveKit's leave is still on its way (it batches them for up to 3 s)
        if (current === undefined) refresh(participant);
        else adoptOrReplace(participant, current);
      }
      for (const [identity, at] of departures) {
        if (at >= listStartedAt && !known.has(identity) && cached(identity)) deps.enqueue({ type: 'remove', identity });
      }
      departures.clear();
    },
    reset() {
      seen.clear();
      written.clear();
      departures.clear();
      index = undefined;
    },
  };
}
