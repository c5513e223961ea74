/**
 * Group commit: calls that arrive while a write is in flight wait for it and then go together in
 * the next one. A lone call is written at once (no timer, no added latency); under load, many
 * concurrent calls cost one round trip instead of one each. Every caller still resolves only once
 * its own part is written, and rejects when it could not be.
 */
export function groupCommit<In, Out>(
  writeBatch: (batch: readonly In[]) => Promise<readonly Out[]>,
  { maxBatch }: { maxBatch: number },
): (item: In) => Promise<Out> {
  type Waiting = { item: In; resolve: (out: Out) => void; reject: (error: unknown) => void };
  let queue: Waiting[] = [];
  let writing = false;

  const settle = async (batch: Waiting[]) => {
    try {
      const results = await writeBatch(batch.map(({ item }) => item));
      if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} answered ${results.length}`);
      batch.forEach(({ resolve }, index) => resolve(results[index]!));
    } catch (error) {
      if (batch.length === 1) return batch[0]!.reject(error);
      // one bad item must not fail the others: each is tried alone
      await Promise.all(batch.map((waiting) => settle([waiting])));
    }
  };

  const drain = async () => {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await settle(batch);
    }
    writing = false;
  };

  return (item) =>
    new Promise<Out>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (writing) return;
      writing = true;
      // the calls of this same turn (a bulk request's first workers) go in the first batch together
      queueMicrotask(() => void drain());
    });
}
