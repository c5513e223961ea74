import { useEffect, useState } from 'react';

/**
 * An effect that runs `work` once the browser is idle after the first paint (at the latest after
 * `timeoutMs`), so what the page does not show at once does not lengthen its first tasks.
 */
export function whenIdle(work: () => unknown, timeoutMs = 2_000): () => () => void {
  return () => {
    if (typeof window.requestIdleCallback === 'function') {
      const id = window.requestIdleCallback(() => void work(), { timeout: timeoutMs });
      return () => window.cancelIdleCallback(id);
    }
    const timer = setTimeout(() => void work(), 200);
    return () => clearTimeout(timer);
  };
}

/** False until the browser is first idle after the page's first paint (see whenIdle), then true. */
export function useIdle(timeoutMs = 2_000): boolean {
  const [idle, setIdle] = useState(false);
  useEffect(whenIdle(() => setIdle(true), timeoutMs), [timeoutMs]);
  return idle;
}
