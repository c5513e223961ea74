import { describe, expect, it } from 'vitest';
import { groupCommit } from '@/lib/db/group-commit';

function recordingWriter(fail: (item: number) => boolean = () => false) {
  const batches: number[][] = [];
  let release: (() => void) | undefined;
  let held: Promise<void> | undefined;
  const write = groupCommit(
    async (batch: readonly number[]) => {
      batches.push([...batch]);
      if (held) await held;
      if (batch.some(fail)) throw new Error(`refused ${batch.join(',')}`);
      return batch.map((item) => item * 10);
    },
    { maxBatch: 4 },
  );
  const hold = () => (held = new Promise<void>((resolve) => (release = resolve)));
  return { write, batches, hold, release: () => { held = undefined; release?.(); } };
}

describe('group commit', () => {
  it('writes a lone call at once, in a batch of its own', async () => {
    const { write, batches } = recordingWriter();
    await expect(write(1)).resolves.toBe(10);
    expect(batches).toEqual([[1]]);
  });

  it('puts calls of the same turn together, and calls made during a write in the next batches, at most maxBatch each', async () => {
    const { write, batches, hold, release } = recordingWriter();
    hold();
    const first = [write(1), write(2)];
    await Promise.resolve();
    await Promise.resolve();
    const later = [3, 4, 5, 6, 7].map((item) => write(item));
    release();
    await expect(Promise.all([...first, ...later])).resolves.toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(batches).toEqual([[1, 2], [3, 4, 5, 6], [7]]);
  });

  it('when a batch fails, tries each of its calls alone: only the bad one rejects', async () => {
    const { write, batches } = recordingWriter((item) => item === 2);
    const results = await Promise.allSettled([write(1), write(2), write(3)]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches).toEqual([[1, 2, 3], [1], [2], [3]]);
  });

  it('keeps writing after a failure', async () => {
    const { write } = recordingWriter((item) => item === 1);
    await expect(write(1)).rejects.toThrow('refused 1');
    await expect(write(2)).resolves.toBe(20);
  });
});
