import { describe, expect, it } from 'vitest';
import { coalesced } from '@/components/rooms/use-rooms-stream';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('coalesced re-lists', () => {
  it('runs at once, and a burst during a run costs exactly one more run after it', async () => {
    const runs: Array<ReturnType<typeof deferred>> = [];
    const relist = coalesced(() => {
      const run = deferred();
      runs.push(run);
      return run.promise;
    });
    const first = relist();
    expect(runs).toHaveLength(1);
    const burst = [relist(), relist(), relist()];
    expect(runs).toHaveLength(1);
    runs[0]!.resolve();
    await Promise.resolve();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(runs).toHaveLength(2);
    runs[1]!.resolve();
    await Promise.all([first, ...burst]);
    expect(runs).toHaveLength(2);
    void relist();
    expect(runs).toHaveLength(3);
  });

  it('keeps going after a failed run', async () => {
    let calls = 0;
    const relist = coalesced(async () => {
      calls += 1;
      throw new Error('LiveKit is down');
    });
    await relist();
    await relist();
    expect(calls).toBe(2);
  });
});
