import type { AuditEntry } from './gate';

/** A bulk request's completions are written this many at a time (one statement through the audit's group commit)… */
const BATCH = 50;
/** …or this long after the first of them ended, whichever comes first. */
const MAX_DELAY_MS = 20;

/**
 * The completions of a bulk request's items, written together: one by one, each item's would be a
 * round trip of its own (items end one at a time, as LiveKit answers them), three per item with the
 * claims it releases. Until its batch is written a row stays pending, kept alive by its heartbeat like
 * any call in flight; the request answers only once `settled()`, so its caller never sees one pending.
 */
export function completionBatches(complete: (id: number, entry: AuditEntry) => Promise<void>) {
  const waiting: { id: number; entry: AuditEntry }[] = [];
  const written: Promise<void>[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // called in one turn, so the group commit takes them as one batch
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    for (const { id, entry } of waiting.splice(0)) written.push(complete(id, entry));
  };
  return {
    add(id: number, entry: AuditEntry): void {
      waiting.push({ id, entry });
      if (waiting.length >= BATCH) flush();
      else timer ??= setTimeout(flush, MAX_DELAY_MS);
    },
    async settled(): Promise<void> {
      flush();
      await Promise.all(written);
    },
  };
}

export type CompletionBatches = ReturnType<typeof completionBatches>;
