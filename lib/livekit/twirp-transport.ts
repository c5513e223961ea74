import 'server-only';
import { randomUUID } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { TwirpError } from 'livekit-server-sdk';

const USER_AGENT = 'stagekeeper (livekit-server-sdk RoomService over node:http)';

/**
 * The RoomService's Twirp calls over node:http with kept-alive sockets, in place of the SDK's
 * `fetch`: the same requests and errors (a TwirpError with LiveKit's status, code and metadata), at
 * a fraction of the CPU. The SDK's undici `fetch` (web streams, an AbortSignal and a Request per
 * call) was the dashboard's largest cost in a bulk request's profile (docs/benchmarks.md). Our
 * client never fails over to other regions (`failover: false` in lib/livekit), so none is lost here.
 */
export class NodeHttpTwirp {
  /** where every call goes, worked out once: the scheme's request function and kept-alive agent, host and port */
  private readonly send: typeof http.request;
  private readonly target: http.RequestOptions;

  constructor(
    host: string,
    private readonly timeoutSeconds: number,
  ) {
    const origin = new URL(host.replace(/^ws/, 'http'));
    const secure = origin.protocol === 'https:';
    this.send = secure ? https.request : http.request;
    this.target = {
      protocol: origin.protocol,
      // an IPv6 address without the brackets of its URL form
      hostname: origin.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: origin.port,
      method: 'POST',
      agent: new (secure ? https.Agent : http.Agent)({ keepAlive: true }),
    };
  }

  async request(service: string, method: string, data: unknown, headers: Record<string, string>, timeout = this.timeoutSeconds): Promise<unknown> {
    const body = Buffer.from(JSON.stringify(data));
    try {
      return await this.post(service, method, body, headers, timeout);
    } catch (error) {
      // a kept-alive socket LiveKit closed as it was reused (Node's documented race): the request
      // almost surely never reached it, and is sent once more on a new socket
      if (!(error instanceof StaleSocket)) throw error;
      return this.post(service, method, body, headers, timeout);
    }
  }

  private post(service: string, method: string, body: Buffer, headers: Record<string, string>, timeout: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const request = this.send(
        {
          ...this.target,
          path: `/twirp/livekit.${service}/${method}`,
          headers: {
            ...headers,
            'Content-Type': 'application/json;charset=UTF-8',
            'Content-Length': body.byteLength,
            'User-Agent': USER_AGENT,
            'X-Livekit-Request-Id': randomUUID(),
          },
        },
        (response) => {
          answered = true;
          answer(response).then(resolve, reject);
        },
      );
      const timer = timeout ? setTimeout(() => request.destroy(timeoutError()), timeout * 1000) : undefined;
      request.once('close', () => clearTimeout(timer));
      request.once('error', (error: NodeJS.ErrnoException) =>
        reject(!answered && request.reusedSocket && STALE_CODES.has(error.code ?? '') ? new StaleSocket(error.message, { cause: error }) : error),
      );
      request.end(body);
    });
  }
}

async function answer(response: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const status = response.statusCode ?? 0;
  if (status >= 200 && status < 300) return JSON.parse(text);
  throw twirpError(status, response.statusMessage ?? '', response.headers['content-type'], text);
}

function twirpError(status: number, statusText: string, contentType: string | undefined, text: string): TwirpError {
  if (contentType !== 'application/json') return new TwirpError(statusText, text, status);
  try {
    const { msg, code, meta } = JSON.parse(text) as { msg?: string; code?: string; meta?: Record<string, string> };
    return new TwirpError(statusText, msg ?? 'Unknown internal error', status, code, meta);
  } catch {
    return new TwirpError(statusText, 'Unknown internal error', status);
  }
}

const STALE_CODES = new Set(['ECONNRESET', 'EPIPE']);

class StaleSocket extends Error {
  override name = 'StaleSocket';
}

function timeoutError(): Error {
  const error = new Error('LiveKit did not answer in time');
  error.name = 'TimeoutError';
  return error;
}
