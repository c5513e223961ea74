import 'server-only';
import { observeEventStream } from '@/lib/observability/observe';
import { onDrain } from '@/lib/lifecycle/drain';
import type { RoomChange, RoomEventHub } from './room-events-store';

export interface StreamLifetime {
  ended(): void;
}

export interface RoomStreamOptions {
  /** a comment line this often, so proxies keep the connection and a dead client is noticed */
  heartbeatMs?: number;
  /**
   * The stream ends after this long with a `reconnect` event: the page opens a new one at once, and
   * the new request checks the session again (a disabled account stops receiving).
   */
  maxAgeMs?: number;
  /** how long to wait for this replica's LISTEN before answering 503 */
  listenWaitMs?: number;
  /** runs once the stream will be served, before its first message; `ended` when it ends, however it ends */
  lifetime?: () => Promise<StreamLifetime>;
}

export const ROOM_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  // nginx and similar proxies would otherwise hold the events back in a buffer
  'x-accel-buffering': 'no',
} as const;

/**
 * One server-sent-events stream of room changes: `event: room` per change, a `hello` first (with
 * the number of streams this replica serves, which tests read to see closed pages unsubscribe),
 * heartbeats, and an end when the client goes away (`signal`), when the LISTEN connection drops
 * (the page falls back to polling and reconnects), or at `maxAgeMs`.
 */
export async function roomEventStream(
  hub: RoomEventHub,
  signal: AbortSignal,
  { heartbeatMs = 15_000, maxAgeMs = 5 * 60_000, listenWaitMs = 5_000, lifetime }: RoomStreamOptions = {},
): Promise<Response> {
  if (!(await hub.listening(listenWaitMs))) {
    return Response.json({ error: 'Live room events are unavailable right now; the page polls instead' }, { status: 503 });
  }
  const served = await lifetime?.();
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      let ended = false;
      let stopWatchingDrain = () => {};
      const send = (text: string) => {
        if (ended) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          end();
        }
      };
      const end = () => {
        if (ended) return;
        ended = true;
        observeEventStream(-1);
        unsubscribe();
        stopWatchingDrain();
        clearInterval(heartbeat);
        clearTimeout(maxAge);
        signal.removeEventListener('abort', end);
        served?.ended();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      observeEventStream(1);
      const unsubscribe = hub.subscribe({
        change: (change: RoomChange) => send(`event: room\ndata: ${JSON.stringify(change)}\n\n`),
        down: end,
      });
      const heartbeat = setInterval(() => send(`: heartbeat ${Date.now()}\n\n`), heartbeatMs);
      const maxAge = setTimeout(() => {
        send('event: reconnect\ndata: {}\n\n');
        end();
      }, maxAgeMs);
      cleanup = end;
      // this replica stops: the page reconnects at once, and the load balancer sends it to another
      stopWatchingDrain = onDrain(() => {
        send('event: reconnect\ndata: {}\n\n');
        end();
      });
      signal.addEventListener('abort', end);
      send(`retry: 2000\nevent: hello\ndata: ${JSON.stringify({ streams: hub.subscriberCount() })}\n\n`);
      if (signal.aborted) end();
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, { headers: ROOM_STREAM_HEADERS });
}
