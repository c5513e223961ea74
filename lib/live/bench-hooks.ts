import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { createPatchBatcher } from './patch-batcher';
import { liveStats } from './stats';

/**
 * The benchmarks' hook into the participant cache exists only in a build made with
 * STAGEKEEPER_BENCH_HOOKS=1 (bench/run.ts): Next inlines this at build time (next.config.mjs `env`),
 * so a production build carries no code that lets a script on the page rewrite the moderator's table.
 */
export const BENCH_HOOKS_BUILT = process.env.STAGEKEEPER_BENCH_HOOKS === '1';

/** Installs `inject` for the room's participant list in a bench build; returns its removal. */
export function installBenchHooks(queryClient: QueryClient, key: QueryKey): () => void {
  if (!BENCH_HOOKS_BUILT) return () => undefined;
  const batcher = createPatchBatcher(queryClient, key);
  liveStats().inject = {
    getParticipants: () => queryClient.getQueryData(key),
    setParticipants: (list) => queryClient.setQueryData(key, list),
    enqueue: batcher.enqueue,
  };
  return () => {
    batcher.cancel();
    delete liveStats().inject;
  };
}
