/** Runs `work` over `items` with at most `limit` in flight, keeping results in input order. */
export async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Thrown instead of queueing when a concurrency limit already has its most waiting callers. */
export class QueueFull extends Error {
  override name = 'QueueFull';
}

/**
 * At most `concurrency` calls of `run` work at once; the rest wait their turn in order. A call
 * passing `maxWaiting` is refused with QueueFull rather than wait behind that many others.
 */
export function concurrencyLimit(concurrency: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return {
    async run<T>(work: () => Promise<T>, { maxWaiting = Number.POSITIVE_INFINITY }: { maxWaiting?: number } = {}): Promise<T> {
      if (running < concurrency) running += 1;
      else if (waiting.length >= maxWaiting) throw new QueueFull(`${waiting.length} calls are already waiting`);
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running -= 1;
      }
    },
    get waiting() {
      return waiting.length;
    },
  };
}
