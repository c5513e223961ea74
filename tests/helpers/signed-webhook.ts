import { createHash } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { testServer } from './participants';

type WebhookHandler = (request: Request) => Promise<Response>;

let counter = 0;

/**
 * LiveKit's participant_joined webhook for a participant, signed as LiveKit signs it, handed to the
 * dashboard's webhook route (passed in: some tests import the route only after pointing it elsewhere).
 */
export async function deliverJoin(
  webhook: WebhookHandler,
  room: string,
  identity: string,
  permission?: Record<string, boolean>,
  participantFields: Record<string, unknown> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = JSON.stringify({
    event: 'participant_joined',
    id: `EV_join_${room}_${(counter += 1)}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: room },
    participant: { identity, sid: `PA_${identity}`, ...(permission && { permission }), ...participantFields },
  });
  const { apiKey, apiSecret } = testServer();
  const token = new AccessToken(apiKey, apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  const response = await webhook(
    new Request('http://localhost/api/livekit/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
      body,
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
