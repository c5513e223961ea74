/**
 * This replica's shutdown: once SIGTERM starts it, new requests are answered 503 with Retry-After
 * (proxy.ts, so the load balancer sends them to another replica) and new actions and job runs are
 * refused, while those already running finish and complete their audit rows; event streams end with a
 * reconnect hint. Per process on purpose (it is this process that stops), on globalThis because Next
 * may load this module more than once. No server-only import: proxy.ts reads it too.
 */
interface DrainState {
  draining: boolean;
  inFlight: number;
  idle: Set<() => void>;
  listeners: Set<() => void>;
}

const STATE = Symbol.for('stagekeeper.drain');
type Holder = { [STATE]?: DrainState };

function state(): DrainState {
  const holder = globalThis as Holder;
  holder[STATE] ??= { draining: false, inFlight: 0, idle: new Set(), listeners: new Set() };
  return holder[STATE];
}

/** How long a client should wait before trying again (another replica answers by then). */
export const RETRY_AFTER_SECONDS = 2;

export function isDraining(): boolean {
  return state().draining;
}

/**
 * Counts one piece of work in flight (an action, or a run of a background job) and answers its end;
 * undefined once draining: the work must not start (the action is refused; the job's run is left to
 * another replica, or to this one's next start).
 */
export function enterWork(): (() => void) | undefined {
  const current = state();
  if (current.draining) return undefined;
  current.inFlight += 1;
  let left = false;
  return () => {
    if (left) return;
    left = true;
    current.inFlight -= 1;
    if (current.inFlight === 0) for (const resolve of current.idle) resolve();
  };
}

/** Runs `listener` when draining starts (an event stream ends itself); returns the unsubscribe. */
export function onDrain(listener: () => void): () => void {
  const current = state();
  if (current.draining) {
    listener();
    return () => {};
  }
  current.listeners.add(listener);
  return () => current.listeners.delete(listener);
}

/** Starts draining and waits until no action or job run is in flight, or `boundMs`; answers how many were still running. */
export async function drain(boundMs: number): Promise<{ stillInFlight: number }> {
  const current = state();
  if (!current.draining) {
    current.draining = true;
    for (const listener of current.listeners) {
      try {
        listener();
      } catch (error) {
        console.error('[shutdown] a drain listener failed', error);
      }
    }
    current.listeners.clear();
  }
  if (current.inFlight > 0) await untilIdle(current.idle, boundMs);
  return { stillInFlight: current.inFlight };
}

/** Waits until a resolver added to `idle` is called (the count reached 0), or `boundMs`. */
export async function untilIdle(idle: Set<() => void>, boundMs: number): Promise<void> {
  let resolveIdle!: () => void;
  const reached = new Promise<void>((resolve) => (resolveIdle = resolve));
  idle.add(resolveIdle);
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([reached, new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)))]);
  clearTimeout(timer);
  idle.delete(resolveIdle);
}
