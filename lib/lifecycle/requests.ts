import 'server-only';
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { untilIdle } from './drain';

/**
 * The HTTP responses this process has not finished writing yet. An action leaves the drain's count
 * when its handler returns, before Next has written its answer: exiting then would cut the answer a
 * moderator waits for (the bulk's summary). Node reports every request its HTTP server takes on a
 * diagnostics channel, so no hook into Next's server is needed. Per process on purpose, like drain.ts.
 */
const OPEN = Symbol.for('stagekeeper.openResponses');
type Holder = { [OPEN]?: { count: number; idle: Set<() => void> } };

function open() {
  const holder = globalThis as Holder;
  if (!holder[OPEN]) {
    const state = { count: 0, idle: new Set<() => void>() };
    holder[OPEN] = state;
    subscribe('http.server.request.start', (message) => {
      const { response } = message as { request: IncomingMessage; response: ServerResponse };
      state.count += 1;
      response.once('close', () => {
        state.count -= 1;
        if (state.count === 0) for (const resolve of state.idle) resolve();
      });
    });
  }
  return holder[OPEN];
}

/** Starts counting (at start-up, so requests already running at SIGTERM are known). */
export function countOpenResponses(): void {
  open();
}

/** Waits until every response is written (or its client went away), or `boundMs`; answers how many were left. */
export async function responsesWritten(boundMs: number): Promise<number> {
  const state = open();
  if (state.count > 0) await untilIdle(state.idle, boundMs);
  return state.count;
}
