import 'server-only';
import { timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

function keyMatches(header: string | null, appKey: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(appKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type AppEndpoint = { ok: true; ttlSeconds: number } | { ok: false; response: Response };

/**
 * The event's app's endpoints (tokens, lobby tickets) are on when STAGEKEEPER_APP_KEY is set and
 * answer only a request that sends it as a bearer token.
 */
export function appEndpoint(request: Request): AppEndpoint {
  const endpoint = env().tokenEndpoint;
  if (!endpoint) {
    return {
      ok: false,
      response: Response.json(
        { error: 'disabled', message: 'The token endpoint is off: set STAGEKEEPER_APP_KEY to turn it on' },
        { status: 404 },
      ),
    };
  }
  if (!keyMatches(request.headers.get('authorization'), endpoint.appKey)) {
    return {
      ok: false,
      response: Response.json({ error: 'unauthorized', message: 'Send the app key as "Authorization: Bearer <key>"' }, { status: 401 }),
    };
  }
  return { ok: true, ttlSeconds: endpoint.ttlSeconds };
}
