import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { validationError } from '@/lib/actions/define-action';
import { displayName, identity, roomName } from '@/lib/actions/schemas';
import { banReason } from '@/lib/bans';
import { env } from '@/lib/env';
import { createParticipantToken } from '@/lib/livekit/tokens';

const tokenRequest = z.strictObject({
  room: roomName,
  identity,
  name: displayName.optional(),
  metadata: z.string().max(64 * 1024).optional(),
  preset: z.enum(['audience', 'speaker']).default('audience'),
});

function keyMatches(header: string | null, appKey: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(appKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Join tokens for the event's own app, authenticated with STAGEKEEPER_APP_KEY. Banned identities are
 * refused here; the LiveKit webhook ejects those who come back with an older token.
 */
export async function POST(request: Request) {
  const endpoint = env().tokenEndpoint;
  if (!endpoint) {
    return Response.json(
      { error: 'disabled', message: 'The token endpoint is off: set STAGEKEEPER_APP_KEY to turn it on' },
      { status: 404 },
    );
  }
  if (!keyMatches(request.headers.get('authorization'), endpoint.appKey)) {
    return Response.json({ error: 'unauthorized', message: 'Send the app key as "Authorization: Bearer <key>"' }, { status: 401 });
  }
  const body = await request.json().catch(() => undefined);
  const parsed = tokenRequest.safeParse(body);
  if (!parsed.success) {
    const { message, fieldErrors } = validationError(parsed.error);
    return Response.json({ error: 'validation', message, fieldErrors }, { status: 400 });
  }
  const { room, identity, preset, name, metadata } = parsed.data;
  const banned = await banReason(room, identity);
  if (banned) return Response.json({ error: 'banned', message: banned }, { status: 403 });
  const token = await createParticipantToken({ room, identity, name, metadata, preset, ttlSeconds: endpoint.ttlSeconds });
  return Response.json({ ...token, room, preset });
}
