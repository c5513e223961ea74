import { createServer, type Server } from 'node:http';
import { inject } from 'vitest';
import { POST } from '@/app/api/livekit/webhook/route';

/**
 * The standard test LiveKit sends its webhooks to the dashboard's port; in integration tests no
 * dashboard listens there, so this serves the real webhook route on it: real events from LiveKit,
 * verified and handled by the app's own code. Close it after the file.
 */
export async function receiveLiveKitWebhooks(port = inject('appPort')): Promise<{ received: string[]; close: () => Promise<void> }> {
  const received: string[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', async () => {
      const headers = new Headers(Object.entries(request.headers).flatMap(([name, value]): Array<[string, string]> => (typeof value === 'string' ? [[name, value]] : [])));
      // as Next's server does (base-server.js sets it to the socket's peer when no proxy did)
      if (!headers.has('x-forwarded-for') && request.socket.remoteAddress) headers.set('x-forwarded-for', request.socket.remoteAddress);
      const answer = await POST(new Request(`http://127.0.0.1${request.url ?? '/'}`, { method: 'POST', headers, body: Buffer.concat(chunks) }));
      const body = await answer.text();
      received.push(body);
      response.writeHead(answer.status, { 'content-type': 'application/json' }).end(body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  return { received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
