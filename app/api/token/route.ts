import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { validationError } from '@/lib/actions/define-action';
import { displayName, identity, roomName } from '@/lib/actions/schemas';
import { banReason } from '@/lib/bans';
import { env } from '@/lib/env';
import { findParticipant, LiveKitError } from '@/lib/livekit';
import { createParticipantToken, isReservedIdentity, RESERVED_IDENTITY_PREFIX } from '@/lib/livekit/tokens';

const tokenRequest = z.strictObject({
  room: roomName,
  identity: identity.refine((value) => !isReservedIdentity(value), {
    message: `identities starting with "${RESERVED_IDENTITY_PREFIX}" are reserved for Stagekeeper`,
  }),
  name: displayName.optional(),
  metadata: z.string().max(64 * 1024).optional(),
  preset: z.enum(['audience', 'speaker']).default('audience'),
  /** LiveKit lets the newest token with an identity push out whoever holds it: only on purpose */
  replace: z.boolean().default(false),
});

function keyMatches(header: string | null, appKey: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(appKey);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Who holds the identity in the room now; a lookup that fails refuses the token rather than risk a kick. */
async function occupant(room: string, identity: string) {
  try {
    return { present: await findParticipant(room, identity) };
  } catch (error) {
    const message = error instanceof LiveKitError ? error.message : String(error);
    return { failed: `Could not check whether ${identity} is already in ${room}: ${message}` };
  }
}

/**
 * Join tokens for the event's own app, authenticated with STAGEKEEPER_APP_KEY. Banned identities are
 * refused here; the LiveKit webhook ejects those who come back with an older token. An identity that
 * is in the room now is refused unless the request says `replace: true`, since joining with it ends
 * the present session.
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
  const { room, identity, preset, name, metadata, replace } = parsed.data;
  const banned = await banReason(room, identity);
  if (banned) return Response.json({ error: 'banned', message: banned }, { status: 403 });
  if (!replace) {
    const { present, failed } = await occupant(room, identity);
    if (failed) return Response.json({ error: 'unavailable', message: failed }, { status: 503 });
    if (present) {
      return Response.json(
        {
          error: 'identity_in_use',
          message: `${identity} is already in ${room}; a token for it would end that session. Send "replace": true to take its place`,
          participant: { identity: present.identity, name: present.name, joinedAt: present.joinedAt },
        },
        { status: 409 },
      );
    }
  }
  const token = await createParticipantToken({ room, identity, name, metadata, preset, ttlSeconds: endpoint.ttlSeconds });
  return Response.json({ ...token, room, preset });
}
