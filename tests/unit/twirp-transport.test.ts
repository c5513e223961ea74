import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toLiveKitError } from '@/lib/livekit/errors';
import { NodeHttpTwirp } from '@/lib/livekit/twirp-transport';

/**
 * Stand-ins for LiveKit, for answers a real server cannot be made to give: one that closes a kept-alive
 * socket as it is reused, and one that never answers. The transport against the real LiveKit is
 * what every integration test goes through.
 */
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function standIn(handle: (request: IncomingMessage, response: ServerResponse, socketRequests: number) => void, host = '127.0.0.1'): Promise<string> {
  const served = new WeakMap<Socket, number>();
  server = createServer((request, response) => {
    const count = (served.get(request.socket) ?? 0) + 1;
    served.set(request.socket, count);
    request.resume();
    request.once('end', () => handle(request, response, count));
  });
  await new Promise<void>((resolve) => server!.listen(0, host, resolve));
  return `http://${host.includes(':') ? `[${host}]` : host}:${(server!.address() as AddressInfo).port}`;
}

const json = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

describe('NodeHttpTwirp', () => {
  it('posts the Twirp method with its headers and answers the JSON', async () => {
    const seen: { url?: string; authorization?: string }[] = [];
    const url = await standIn((request, response) => {
      seen.push({ url: request.url, authorization: request.headers.authorization });
      json(response, 200, { rooms: [] });
    });
    const transport = new NodeHttpTwirp(url.replace('http', 'ws'), 5);
    expect(await transport.request('RoomService', 'ListRooms', {}, { Authorization: 'Bearer t' })).toEqual({ rooms: [] });
    expect(seen).toEqual([{ url: '/twirp/livekit.RoomService/ListRooms', authorization: 'Bearer t' }]);
  });

  it('reaches a LiveKit whose URL names an IPv6 address', async () => {
    const url = await standIn((_request, response) => json(response, 200, { rooms: [] }), '::1');
    expect(url).toMatch(/^http:\/\/\[::1\]:\d+$/);
    expect(await new NodeHttpTwirp(url, 5).request('RoomService', 'ListRooms', {}, {})).toEqual({ rooms: [] });
  });

  it("turns LiveKit's error into the SDK's TwirpError: status, code and metadata", async () => {
    const url = await standIn((_request, response) => json(response, 429, { code: 'resource_exhausted', msg: 'slow down', meta: { retry_after: '3' } }));
    const failure = await new NodeHttpTwirp(url, 5).request('RoomService', 'MutePublishedTrack', {}, {}).catch((error: unknown) => error);
    expect(failure).toMatchObject({ status: 429, code: 'resource_exhausted', message: 'slow down', metadata: { retry_after: '3' } });
    expect(toLiveKitError(failure, url)).toMatchObject({ code: 'rate_limited', retryAfterMs: 3000 });
  });

  it('sends a request again on a new socket when LiveKit closed the kept-alive one as it was reused', async () => {
    let requests = 0;
    const url = await standIn((request, response, onThisSocket) => {
      requests += 1;
      // the race of an idle socket closed by the server just as the client sends on it
      if (onThisSocket > 1) return request.socket.destroy();
      json(response, 200, { call: requests });
    });
    const transport = new NodeHttpTwirp(url, 5);
    expect(await transport.request('RoomService', 'ListRooms', {}, {})).toEqual({ call: 1 });
    expect(await transport.request('RoomService', 'ListRooms', {}, {})).toEqual({ call: 3 });
    expect(requests).toBe(3);
  });

  it('does not send again a request LiveKit began to answer before the socket broke', async () => {
    let requests = 0;
    const url = await standIn((request, response, onThisSocket) => {
      requests += 1;
      if (onThisSocket === 1) return json(response, 200, {});
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"participant":');
      setTimeout(() => request.socket.destroy(), 20);
    });
    const transport = new NodeHttpTwirp(url, 5);
    await transport.request('RoomService', 'ListRooms', {}, {});
    await expect(transport.request('RoomService', 'UpdateParticipant', {}, {})).rejects.toThrow();
    expect(requests).toBe(2);
  });

  it('gives up after its timeout, as a timeout', async () => {
    const url = await standIn(() => {});
    const started = performance.now();
    const failure = await new NodeHttpTwirp(url, 0.3).request('RoomService', 'ListRooms', {}, {}).catch((error: unknown) => error);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(toLiveKitError(failure, url)).toMatchObject({ code: 'timeout' });
  });
});
