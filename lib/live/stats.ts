/**
 * Counters the browser tests and benchmarks read from `window.__stagekeeper`: how often the
 * participant list was fetched in full, and how many event batches were applied.
 */
export interface LiveStats {
  listFetches: number;
  flushes: number;
  patches: number;
  observerIdentity: string | null;
}

declare global {
  interface Window {
    __stagekeeper?: LiveStats;
  }
}

export function liveStats(): LiveStats {
  if (typeof window === 'undefined') return { listFetches: 0, flushes: 0, patches: 0, observerIdentity: null };
  window.__stagekeeper ??= { listFetches: 0, flushes: 0, patches: 0, observerIdentity: null };
  return window.__stagekeeper;
}
