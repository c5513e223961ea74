import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from '../../scripts/lib/livekit-server';

export interface LiveKitCounter {
  /** http://127.0.0.1:<port>: where the dashboard is pointed instead of LiveKit */
  url: string;
  /** every RoomService call since the last reset, by method (`GetParticipant`, `UpdateParticipant`, …) */
  calls(): Record<string, number>;
  /** the calls since the last reset that named this room (the SDK's JSON body's `room`), by method */
  callsFor(room: string): Record<string, number>;
  total(): number;
  reset(): void;
  /**
   * The next `count` RoomService calls are answered as LiveKit Cloud answers over its quota (HTTP 429,
   * Twirp `resource_exhausted`) instead of being passed on: the one answer a real server cannot be told
   * to give. They are counted too.
   */
  refuseNext(count: number, retryAfterSeconds: number): void;
  /**
   * Calls of `method` after the next `passed` are held: counted, never passed on and never answered, as
   * if LiveKit had stopped answering. For a test that must stop the dashboard in the middle of a bulk
   * request however fast the machine is; `passAll` ends the hold and drops what was held.
   */
  holdAfter(method: string, passed: number): void;
  passAll(): void;
  close(): Promise<void>;
}

const ROOM_SERVICE = '/twirp/livekit.RoomService/';

/**
 * An HTTP proxy on loopback between the dashboard and a real LiveKit server that counts the dashboard's
 * RoomService calls by method; everything is passed on unchanged.
 */
export async function startLiveKitCounter(livekitUrl: string): Promise<LiveKitCounter> {
  const target = new URL(livekitUrl);
  const port = await freePort();
  let counts: Record<string, number> = {};
  let byRoom = new Map<string, Record<string, number>>();
  const countRoom = (method: string, body: string) => {
    try {
      const { room } = JSON.parse(body) as { room?: unknown };
      if (typeof room !== 'string') return;
      const calls = byRoom.get(room) ?? {};
      calls[method] = (calls[method] ?? 0) + 1;
      byRoom.set(room, calls);
    } catch {
      // not JSON: counted by method only
    }
  };
  let refusals: { left: number; retryAfterSeconds: number } = { left: 0, retryAfterSeconds: 0 };
  let hold: { method: string; passing: number } | undefined;
  let held: ServerResponse[] = [];
  const holds = (method: string) => {
    if (hold?.method !== method) return false;
    if (hold.passing === 0) return true;
    hold.passing -= 1;
    return false;
  };

  const refuse = (response: ServerResponse) => {
    refusals.left -= 1;
    response.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(refusals.retryAfterSeconds) });
    response.end(JSON.stringify({ code: 'resource_exhausted', msg: 'too many requests', meta: { retry_after: String(refusals.retryAfterSeconds) } }));
  };

  const server: Server = createServer((incoming: IncomingMessage, response) => {
    const url = incoming.url ?? '/';
    if (url.startsWith(ROOM_SERVICE)) {
      const method = url.slice(ROOM_SERVICE.length);
      counts[method] = (counts[method] ?? 0) + 1;
      let body = '';
      incoming.on('data', (chunk: Buffer) => {
        if (body.length < 4096) body += chunk.toString('utf8');
      });
      incoming.on('end', () => countRoom(method, body));
      if (refusals.left > 0) {
        incoming.resume();
        refuse(response);
        return;
      }
      if (holds(method)) {
        incoming.resume();
        held.push(response);
        return;
      }
    }
    const upstream = request(
      { host: target.hostname, port: Number(target.port), method: incoming.method, path: url, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    incoming.pipe(upstream);
  });
  // longer than the client's keep-alive, so an idle connection is never closed under a request starting on it
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${port}`,
    calls: () => ({ ...counts }),
    callsFor: (room) => ({ ...byRoom.get(room) }),
    total: () => Object.values(counts).reduce((sum, count) => sum + count, 0),
    reset: () => {
      counts = {};
      byRoom = new Map();
    },
    refuseNext: (count, retryAfterSeconds) => {
      refusals = { left: count, retryAfterSeconds };
    },
    holdAfter: (method, passed) => {
      hold = { method, passing: passed };
    },
    passAll: () => {
      hold = undefined;
      for (const response of held) response.destroy();
      held = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
