import { describe, expect, it } from 'vitest';
import { concurrencyLimit, QueueFull } from '@/lib/concurrency';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}

describe('a concurrency limit with a bounded queue (the bcrypt slots of sign-in)', () => {
  it('runs two at once, queues up to maxWaiting, refuses the rest at once, and serves the queue in order', async () => {
    const limit = concurrencyLimit(2);
    const gates = Array.from({ length: 6 }, deferred);
    const started: number[] = [];
    const calls = gates.map((gate, index) =>
      limit
        .run(async () => {
          started.push(index);
          await gate.promise;
          return index;
        }, { maxWaiting: 2 })
        .catch((error: unknown) => error),
    );
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(limit.waiting).toBe(2);
    const refused = await Promise.all([calls[4], calls[5]]);
    expect(refused.map((error) => error instanceof QueueFull)).toEqual([true, true]);

    gates.forEach((gate) => gate.resolve());
    expect(await Promise.all(calls.slice(0, 4))).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(limit.waiting).toBe(0);
  });

  it('a call without maxWaiting always waits its turn', async () => {
    const limit = concurrencyLimit(1);
    const gate = deferred();
    const first = limit.run(() => gate.promise, { maxWaiting: 0 });
    const queued = Array.from({ length: 5 }, (_, index) => limit.run(async () => index));
    await expect(limit.run(async () => 'refused', { maxWaiting: 0 })).rejects.toBeInstanceOf(QueueFull);
    gate.resolve();
    await first;
    expect(await Promise.all(queued)).toEqual([0, 1, 2, 3, 4]);
  });
});
