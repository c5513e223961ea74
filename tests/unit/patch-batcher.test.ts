import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createPatchBatcher, type FlushScheduler } from '@/lib/live/patch-batcher';
import type { ParticipantView } from '@/lib/livekit/types';

/** A clock and the two ways to flush, run by hand: which one the batcher chose is what is tested. */
function manualScheduler() {
  let now = 1_000;
  const soon: Array<() => void> = [];
  const frames: Array<() => void> = [];
  const scheduler: FlushScheduler = {
    now: () => now,
    soon: (flush) => void soon.push(flush),
    nextFrame: (flush) => {
      frames.push(flush);
      return () => frames.splice(frames.indexOf(flush), 1);
    },
  };
  const run = (queue: Array<() => void>) => queue.splice(0).forEach((flush) => flush());
  return { scheduler, soon, frames, advance: (ms: number) => (now += ms), runSoon: () => run(soon), runFrame: () => run(frames) };
}

const row = (identity: string, metadata = ''): ParticipantView => ({ identity, metadata }) as ParticipantView;
const key = ['participants', 'r'];

function setup() {
  const queryClient = new QueryClient();
  queryClient.setQueryData<ParticipantView[]>(key, [row('a')]);
  const clock = manualScheduler();
  const writes: number[] = [];
  queryClient.getQueryCache().subscribe((event) => void (event.type === 'updated' && writes.push(clock.scheduler.now())));
  const batcher = createPatchBatcher(queryClient, key, clock.scheduler);
  const shown = () => queryClient.getQueryData<ParticipantView[]>(key)!.map((p) => `${p.identity}${p.metadata}`);
  return { batcher, clock, shown, writes };
}

describe('the participant patch batcher', () => {
  it('shows a lone change once the task that brought it ends, not a frame later', () => {
    const { batcher, clock, shown } = setup();
    batcher.enqueue({ type: 'upsert', participant: row('a', '+speaker') });
    batcher.enqueue({ type: 'upsert', participant: row('b') });
    expect(clock.frames).toHaveLength(0);
    expect(batcher.pending()).toBe(2);
    clock.runSoon();
    expect(shown()).toEqual(['a+speaker', 'b']);
    expect(batcher.pending()).toBe(0);
  });

  it('writes a burst that follows within the frame once, at the next frame; after a quiet frame, at once again', () => {
    const { batcher, clock, shown, writes } = setup();
    batcher.enqueue({ type: 'upsert', participant: row('b') });
    clock.runSoon();
    clock.advance(4);
    for (const identity of ['c', 'd', 'e']) batcher.enqueue({ type: 'upsert', participant: row(identity) });
    expect(clock.soon).toHaveLength(0);
    expect(clock.frames).toHaveLength(1);
    clock.advance(12);
    clock.runFrame();
    expect(shown()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(writes).toHaveLength(2);

    clock.advance(16);
    batcher.enqueue({ type: 'remove', identity: 'e' });
    expect(clock.soon).toHaveLength(1);
    clock.runSoon();
    expect(shown()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('cancel drops what is queued, whichever way its flush was scheduled', () => {
    const { batcher, clock, shown } = setup();
    batcher.enqueue({ type: 'upsert', participant: row('b') });
    batcher.cancel();
    clock.runSoon();
    expect(shown()).toEqual(['a']);
    batcher.enqueue({ type: 'upsert', participant: row('c') });
    clock.runSoon();
    clock.advance(1);
    batcher.enqueue({ type: 'upsert', participant: row('d') });
    batcher.cancel();
    clock.runFrame();
    expect(shown()).toEqual(['a', 'c']);
  });
});
