'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { pushedKind, ROOM_LIST_KINDS } from '@/lib/live/room-stream-client';

export type RoomsStreamStatus = 'connecting' | 'live' | 'polling';

/** Changes only a room's own page shows (claims, moderators, alerts): the rooms list has nothing to re-read for them. */

/** Waits before opening the stream again after it failed; the last one repeats. */
const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000, 30_000];

/**
 * Follows `/api/rooms/stream` (room changes pushed from LiveKit's webhooks) and calls `onChange`
 * for each change, and once whenever the stream (re)opens, since changes sent while it was closed
 * are lost. 'polling' while the stream is down: the caller polls faster then. Reconnects by itself
 * (EventSource gives up for good on a non-200 answer, e.g. a 503 while the server's LISTEN is down).
 */
export function useRoomsStream(onChange: () => void): RoomsStreamStatus {
  const [status, setStatus] = useState<RoomsStreamStatus>('connecting');
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  }, [onChange]);

  useEffect(() => {
    let source: EventSource | undefined;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let failures = 0;
    let stopped = false;
    const open = () => {
      source = new EventSource('/api/rooms/stream');
      source.addEventListener('hello', () => {
        failures = 0;
        setStatus('live');
        latest.current();
      });
      source.addEventListener('room', (event) => {
        if (ROOM_LIST_KINDS.has(pushedKind((event as MessageEvent<string>).data)?.kind ?? '')) latest.current();
      });
      // the server ends each stream after a while so the session is checked again: reopen at once
      source.addEventListener('reconnect', () => {
        source?.close();
        open();
      });
      source.onerror = () => {
        source?.close();
        if (stopped) return;
        setStatus('polling');
        const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!;
        failures += 1;
        retryTimer = setTimeout(open, delay);
      };
    };
    open();
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      source?.close();
    };
  }, []);

  return status;
}

/**
 * LiveKit refreshes a room's participant and publisher counts at most every 5 s (its
 * roomUpdateInterval), and its webhooks carry the same throttled counts: a list taken right after a
 * join can still show the old numbers. So a change re-lists at once (the room appears or goes) and
 * once more when the counts have caught up with the last change of a burst.
 */
export const COUNTS_SETTLE_MS = 6_000;

export function useRelistOnChange(relist: () => Promise<unknown>): () => void {
  const settleTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(settleTimer.current), []);
  return useCallback(() => {
    void relist();
    clearTimeout(settleTimer.current);
    settleTimer.current = setTimeout(() => void relist(), COUNTS_SETTLE_MS);
  }, [relist]);
}

/**
 * Runs `work` now, or, when a run is already going, once more after it: a burst of changes costs at
 * most two runs, and a change that arrives mid-run is never covered only by a run that started before it.
 */
export function coalesced(work: () => Promise<unknown>): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return async function run() {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          await work().catch(() => undefined);
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
}
