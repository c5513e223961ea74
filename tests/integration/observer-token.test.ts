import { describe, expect, it } from 'vitest';
import { TokenVerifier } from 'livekit-server-sdk';
import { mintObserverToken } from '@/lib/participants/observer-actions';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

describe('observer token', () => {
  it('grants a hidden, non-publishing, non-subscribing join to one room with a short TTL', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member' });
    const result = await mintObserverToken({ room });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.identity).toMatch(/^stagekeeper-observer-[0-9a-f]{8}$/);
    expect(result.data.url).toBe(testServer().url.replace('http://', 'ws://'));

    const { apiKey, apiSecret } = testServer();
    const claims = await new TokenVerifier(apiKey, apiSecret).verify(result.data.token);
    expect(claims.sub).toBe(result.data.identity);
    expect(claims.video).toMatchObject({
      roomJoin: true,
      room,
      hidden: true,
      canPublish: false,
      canPublishData: false,
      canSubscribe: false,
    });
    const ttl = (claims.exp ?? 0) - (claims.nbf ?? 0);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(15 * 60);
  });

  it('refuses an invalid room name, and a room that is not running (joining would start it again)', async () => {
    expect(await mintObserverToken({ room: '' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await mintObserverToken({ room: uniqueRoom('ended') })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/does not exist or has ended/) },
    });
  });
});
