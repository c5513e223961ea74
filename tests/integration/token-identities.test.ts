import { DisconnectReason, Room } from '@livekit/rtc-node';
import { describe, expect, inject, it } from 'vitest';
import { POST as token } from '@/app/api/token/route';
import { OBSERVER_IDENTITY_PREFIX } from '@/lib/live/observer-identity';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

function requestToken(body: unknown) {
  return token(
    new Request('http://localhost/api/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('appKey')}` },
      body: JSON.stringify(body),
    }),
  );
}

describe('token endpoint: identities it will not hand out', () => {
  it('refuses the observer\'s and every other stagekeeper- identity, in any case, with 400', async () => {
    const room = uniqueRoom();
    for (const identity of [`${OBSERVER_IDENTITY_PREFIX}1a2b3c4d`, 'stagekeeper-admin', 'StageKeeper-Observer-x']) {
      const response = await requestToken({ room, identity });
      expect(response.status, identity).toBe(400);
      expect(await response.json()).toMatchObject({
        error: 'validation',
        fieldErrors: { identity: [expect.stringContaining('reserved for Stagekeeper')] },
      });
    }
    expect((await requestToken({ room, identity: 'stagekeeper' })).status).toBe(200);
  });

  it('refuses with 409, naming who is there, an identity already in the room; replace: true takes its place', async () => {
    const room = uniqueRoom();
    const present = await joinParticipant({ room, identity: 'fan-42', name: 'Fan 42' });

    const refused = await requestToken({ room, identity: 'fan-42' });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({
      error: 'identity_in_use',
      message: expect.stringContaining('"replace": true'),
      participant: { identity: 'fan-42', name: 'Fan 42', joinedAt: expect.any(Number) },
    });
    expect(present.connected).toBe(true);

    expect((await requestToken({ room, identity: 'fan-43' })).status).toBe(200);
    expect((await requestToken({ room: uniqueRoom('elsewhere'), identity: 'fan-42' })).status).toBe(200);

    const replacing = await requestToken({ room, identity: 'fan-42', replace: true });
    expect(replacing.status).toBe(200);
    const { url, token: jwt } = await replacing.json();
    const newcomer = new Room();
    try {
      await newcomer.connect(url, jwt, { autoSubscribe: false, dynacast: false });
      // what the 409 protects against: the newer session ends the one that held the identity
      expect((await present.waitFor('disconnected')).data.reason).toBe(DisconnectReason.DUPLICATE_IDENTITY);
    } finally {
      await newcomer.disconnect();
    }
  });
});
