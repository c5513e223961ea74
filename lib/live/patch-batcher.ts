import type { QueryClient } from '@tanstack/react-query';
import type { ParticipantView } from '@/lib/livekit/types';
import { applyParticipantPatches, type ParticipantPatch } from './participant-patches';
import { liveStats } from './stats';

export interface PatchBatcher {
  enqueue(patch: ParticipantPatch): void;
  /** patches waiting for their flush */
  pending(): number;
  cancel(): void;
}

/** One frame at 60 Hz: a burst of events costs at most one render per frame. */
const FRAME_MS = 16;

export interface FlushScheduler {
  now(): number;
  /** runs `flush` once the current task is done (the rest of a burst delivered in it joins) */
  soon(flush: () => void): void;
  /** runs `flush` at the next animation frame; answers how to cancel it */
  nextFrame(flush: () => void): () => void;
}

const browserScheduler: FlushScheduler = {
  now: () => performance.now(),
  soon: (flush) => queueMicrotask(flush),
  nextFrame: (flush) => {
    const frame = requestAnimationFrame(flush);
    return () => cancelAnimationFrame(frame);
  },
};

/**
 * Collects participant patches and writes them to the react-query cache: a change after a quiet
 * frame at once (a moderator's promote shows when LiveKit confirms it, not up to a frame later), the
 * changes that follow within the frame together at the next animation frame.
 */
export function createPatchBatcher(queryClient: QueryClient, key: readonly unknown[], scheduler = browserScheduler): PatchBatcher {
  const stats = liveStats();
  const queue: ParticipantPatch[] = [];
  let lastFlush = Number.NEGATIVE_INFINITY;
  let scheduled: { cancel: () => void } | undefined;

  const flush = () => {
    scheduled = undefined;
    lastFlush = scheduler.now();
    const batch = queue.splice(0);
    if (batch.length === 0) return;
    stats.flushes += 1;
    stats.patches += batch.length;
    queryClient.setQueryData<ParticipantView[]>(key, (current) => current && applyParticipantPatches(current, batch));
  };

  return {
    enqueue(patch) {
      queue.push(patch);
      if (scheduled) return;
      if (scheduler.now() - lastFlush >= FRAME_MS) {
        let cancelled = false;
        scheduled = { cancel: () => (cancelled = true) };
        scheduler.soon(() => void (cancelled || flush()));
      } else {
        scheduled = { cancel: scheduler.nextFrame(flush) };
      }
    },
    pending: () => queue.length,
    cancel() {
      scheduled?.cancel();
      scheduled = undefined;
      queue.length = 0;
    },
  };
}
