import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { AccessToken } from 'livekit-server-sdk';
import { POST } from '@/app/api/livekit/webhook/route';
import { testServer } from '../helpers/participants';

const body = JSON.stringify({
  event: 'participant_joined',
  id: 'EV_test',
  createdAt: '1790000000',
  room: { name: 'demo-event' },
  participant: { identity: 'audience-01' },
});

async function signed(payload: string, secret: string) {
  const { apiKey } = testServer();
  const token = new AccessToken(apiKey, secret);
  token.sha256 = createHash('sha256').update(payload).digest('base64');
  return token.toJwt();
}

function post(payload: string, authorization?: string) {
  return POST(
    new Request('http://localhost/api/livekit/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', ...(authorization && { authorization }) },
      body: payload,
    }),
  );
}

describe('LiveKit webhook endpoint', () => {
  it('accepts an event signed with the API secret', async () => {
    const response = await post(body, await signed(body, testServer().apiSecret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 'participant_joined', id: 'EV_test' });
  });

  it('refuses a wrong signature, a tampered body and a missing header', async () => {
    const wrongKey = await post(body, await signed(body, 'not-the-secret-not-the-secret-xx'));
    const tampered = await post(body.replace('audience-01', 'audience-02'), await signed(body, testServer().apiSecret));
    const missing = await post(body);
    for (const response of [wrongKey, tampered, missing]) {
      expect(response.status).toBe(401);
      expect((await response.json()).error).toMatch(/^webhook refused/);
    }
  });
});
