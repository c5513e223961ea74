import type { QueryClient } from '@tanstack/react-query';
import type { ParticipantView } from '@/lib/livekit/types';
import { applyParticipantPatches, type ParticipantPatch } from './participant-patches';
import { liveStats } from './stats';

export interface PatchBatcher {
  enqueue(patch: ParticipantPatch): void;
  /** patches waiting for the next frame */
  pending(): number;
  cancel(): void;
}

/**
 * Collects participant patches and writes them to the react-query cache at most once per animation
 * frame, so a burst of events costs one render, not one per event.
 */
export function createPatchBatcher(queryClient: QueryClient, key: readonly unknown[]): PatchBatcher {
  const stats = liveStats();
  const queue: ParticipantPatch[] = [];
  let frame = 0;

  const flush = () => {
    frame = 0;
    const batch = queue.splice(0);
    stats.flushes += 1;
    stats.patches += batch.length;
    queryClient.setQueryData<ParticipantView[]>(key, (current) => current && applyParticipantPatches(current, batch));
  };

  return {
    enqueue(patch) {
      queue.push(patch);
      if (!frame) frame = requestAnimationFrame(flush);
    },
    pending: () => queue.length,
    cancel() {
      if (frame) cancelAnimationFrame(frame);
      frame = 0;
      queue.length = 0;
    },
  };
}
