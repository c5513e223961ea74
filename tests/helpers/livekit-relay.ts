import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { freePort } from '../../scripts/lib/livekit-server';

export interface LiveKitRelay {
  /** http://127.0.0.1:<port>: where the dashboard is pointed instead of LiveKit */
  url: string;
  /** stops listening and drops every open connection: calls through it fail as unreachable */
  cut(): Promise<void>;
  /** listens again on the same port */
  restore(): Promise<void>;
  /**
   * Holds what the dashboard sends until `release`: a LiveKit that is slow to answer. Resolves once
   * the first request is held, so a test knows the dashboard has got that far.
   */
  hold(): { requested: Promise<void>; release(): void };
  close(): Promise<void>;
}

/**
 * A plain TCP relay on loopback between the dashboard and a real LiveKit server: cutting it is a real
 * network outage for the dashboard alone, while the participants stay connected to LiveKit directly.
 */
export async function startLiveKitRelay(livekitUrl: string): Promise<LiveKitRelay> {
  const target = new URL(livekitUrl);
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  let holding: { wait(send: () => void): void } | undefined;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const relay = createServer((client) => {
        const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => {
            client.destroy();
            upstream.destroy();
          });
        }
        client.on('data', (chunk: Buffer) => (holding ? holding.wait(() => upstream.write(chunk)) : upstream.write(chunk)));
        client.on('end', () => (holding ? holding.wait(() => upstream.end()) : upstream.end()));
        upstream.pipe(client);
      });
      relay.once('error', reject);
      relay.listen(port, '127.0.0.1', () => {
        server = relay;
        resolve();
      });
    });

  const cut = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };

  const hold = () => {
    const held: (() => void)[] = [];
    let requested!: () => void;
    const requestedPromise = new Promise<void>((resolve) => (requested = resolve));
    holding = {
      wait(send) {
        held.push(send);
        requested();
      },
    };
    return {
      requested: requestedPromise,
      release() {
        holding = undefined;
        for (const send of held) send();
      },
    };
  };

  await listen();
  return { url: `http://127.0.0.1:${port}`, cut, restore: listen, close: cut, hold };
}
