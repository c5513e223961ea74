import 'server-only';
import type { LiveKitErrorCode } from './errors';

/**
 * This process's view of its own connection to LiveKit: down after a call failed as unreachable or
 * timed out, up again at the next call LiveKit answered (with anything, even "not found"). While it
 * was down, webhooks may not have reached the dashboard either, so listeners (the ban sweep) catch up.
 * Per process on purpose, and on globalThis because Next may load this module more than once.
 */
interface Reachability {
  down: boolean;
  listeners: Set<() => void>;
}

const STATE = Symbol.for('stagekeeper.livekitReachability');
type Holder = { [STATE]?: Reachability };

function state(): Reachability {
  const holder = globalThis as Holder;
  holder[STATE] ??= { down: false, listeners: new Set() };
  return holder[STATE];
}

const LOST: ReadonlySet<LiveKitErrorCode> = new Set(['unreachable', 'timeout']);

/** Called by every LiveKit call: with the error code it failed with, or undefined when it was answered. */
export function noteLiveKitCall(failure: LiveKitErrorCode | undefined): void {
  const current = state();
  if (failure && LOST.has(failure)) {
    current.down = true;
    return;
  }
  if (!current.down) return;
  current.down = false;
  for (const listener of current.listeners) {
    try {
      listener();
    } catch (error) {
      console.error('[livekit] a reconnect listener failed', error);
    }
  }
}

/** Runs `listener` each time a LiveKit call succeeds after calls failed as unreachable; returns the unsubscribe. */
export function onLiveKitReconnected(listener: () => void): () => void {
  state().listeners.add(listener);
  return () => state().listeners.delete(listener);
}
