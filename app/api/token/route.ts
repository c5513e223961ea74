import { z } from 'zod';
import { validationError } from '@/lib/actions/define-action';
import { displayName, identity, roomName } from '@/lib/actions/schemas';
import { appEndpoint } from '@/lib/app-endpoint';
import { banReason } from '@/lib/bans/service';
import { findParticipant, LiveKitError } from '@/lib/livekit';
import { admissionFor, type Admission } from '@/lib/access/lobby-service';
import { lockedAnswer, waitingAnswer } from '@/lib/access/ticket-service';
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
 * refused here; the LiveKit webhook ejects those who come back with an older token. A knocking room
 * answers a new identity 202 with a lobby ticket (see tickets/[ticket]); a locked room refuses it
 * (403 room_locked). An identity that is in the room now is refused unless the request says
 * `replace: true`, since joining with it ends the present session.
 */
export async function POST(request: Request) {
  const endpoint = appEndpoint(request);
  if (!endpoint.ok) return endpoint.response;
  const body = await request.json().catch(() => undefined);
  const parsed = tokenRequest.safeParse(body);
  if (!parsed.success) {
    const { message, fieldErrors } = validationError(parsed.error);
    return Response.json({ error: 'validation', message, fieldErrors }, { status: 400 });
  }
  const { room, identity, preset, name, metadata, replace } = parsed.data;
  const banned = await banReason(room, identity);
  if (banned) return Response.json({ error: 'banned', message: banned }, { status: 403 });
  let admission: Admission;
  try {
    admission = await admissionFor({ room, identity, name: name ?? '', metadata: metadata ?? null, preset });
  } catch (error) {
    if (!(error instanceof LiveKitError)) console.error(`[token] could not check the access of ${room}`, error);
    const why = error instanceof LiveKitError ? error.message : 'see the server log';
    return Response.json({ error: 'unavailable', message: `Could not check whether ${identity} may join ${room} now: ${why}` }, { status: 503 });
  }
  if (admission.kind === 'locked') return lockedAnswer(room);
  if (admission.kind === 'knock') return waitingAnswer(admission.ticket);
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
