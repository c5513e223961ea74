import 'server-only';
import { RoomServiceClient } from 'livekit-server-sdk';
import { NodeHttpTwirp } from './twirp-transport';

type AuthHeader = ReturnType<RoomServiceClient['authHeader']>;

/** The SDK signs its tokens for 10 minutes; one is reused for half of that. */
const REUSE_MS = 5 * 60_000;
/** Grants name a room: at most this many rooms' tokens are kept before they are all dropped. */
const MAX_TOKENS = 1_000;

/**
 * The RoomService client, signing one token per grant and reusing it while it has long to live:
 * the SDK signs a new JWT (HMAC, with `jose`) for every call, about a fifth of its own time per
 * call in the profile of a bulk request (docs/benchmarks.md). Its calls go over node:http
 * (NodeHttpTwirp), never failing over to another region.
 */
export class SignedOnceRoomService extends RoomServiceClient {
  private readonly tokens = new Map<string, { header: AuthHeader; until: number }>();

  constructor(host: string, apiKey: string, secret: string, { requestTimeoutSeconds = 10 } = {}) {
    super(host, apiKey, secret, { requestTimeout: requestTimeoutSeconds, failover: false });
    // the SDK's transport is a private field with one method, request(): ours takes its place
    Object.assign(this, { rpc: new NodeHttpTwirp(host, requestTimeoutSeconds) });
  }

  override authHeader(...args: Parameters<RoomServiceClient['authHeader']>): AuthHeader {
    const key = JSON.stringify(args);
    const now = Date.now();
    const kept = this.tokens.get(key);
    if (kept && kept.until > now) return kept.header;
    if (this.tokens.size >= MAX_TOKENS) this.tokens.clear();
    const header = super.authHeader(...args);
    this.tokens.set(key, { header, until: now + REUSE_MS });
    header.catch(() => this.tokens.delete(key));
    return header;
  }
}
