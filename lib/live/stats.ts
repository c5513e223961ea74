import type { ParticipantView } from '@/lib/livekit/types';
import type { ParticipantPatch } from './participant-patches';

/**
 * Counters the browser tests and benchmarks read from `window.__stagekeeper`: how often the
 * participant list was fetched in full, and how many event batches were applied.
 */
export interface LiveStats {
  listFetches: number;
  flushes: number;
  patches: number;
  /** commits of the participant table */
  tableRenders: number;
  /** participants the table currently shows (most are virtual, not in the DOM) */
  rowCount: number;
  observerIdentity: string | null;
  /** the search text the table's rows reflect (it trails the input while a deferred render is pending) */
  shownSearch: string;
  /** only in a bench build (lib/live/bench-hooks.ts): feeds synthetic rooms through the real cache and patching code */
  inject?: {
    getParticipants: () => ParticipantView[] | undefined;
    setParticipants: (list: ParticipantView[]) => void;
    enqueue: (patch: ParticipantPatch) => void;
  };
}

declare global {
  interface Window {
    __stagekeeper?: LiveStats;
  }
}

export function liveStats(): LiveStats {
  const fresh = (): LiveStats => ({
    listFetches: 0,
    flushes: 0,
    patches: 0,
    tableRenders: 0,
    rowCount: 0,
    observerIdentity: null,
    shownSearch: '',
  });
  if (typeof window === 'undefined') return fresh();
  window.__stagekeeper ??= fresh();
  return window.__stagekeeper;
}
