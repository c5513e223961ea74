import { createHash } from 'node:crypto';
import { DisconnectReason } from '@livekit/rtc-node';
import { AccessToken, TokenVerifier } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { POST as webhook } from '@/app/api/livekit/webhook/route';
import { POST as token } from '@/app/api/token/route';
import { banParticipant, liftBan, listBans } from '@/lib/bans/actions';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';
import { inject } from 'vitest';

function requestToken(body: unknown, key = inject('appKey')) {
  return token(
    new Request('http://localhost/api/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify(body),
    }),
  );
}

/** What LiveKit posts when a participant joins, signed with the API secret. */
async function participantJoined(room: string, identity: string) {
  const body = JSON.stringify({ event: 'participant_joined', id: `EV_${identity}`, createdAt: '1790000000', room: { name: room }, participant: { identity } });
  const signer = new AccessToken(testServer().apiKey, testServer().apiSecret);
  signer.sha256 = createHash('sha256').update(body).digest('base64');
  return webhook(
    new Request('http://localhost/api/livekit/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: await signer.toJwt() },
      body,
    }),
  );
}

describe('bans that hold', () => {
  it('a ban removes the participant, is listed and audited, and the token endpoint refuses them', async () => {
    const room = uniqueRoom();
    const troll = await joinParticipant({ room, identity: 'troll' });

    const result = await banParticipant({ room, identity: 'troll', reason: 'spam in chat' });
    expect(result).toMatchObject({
      ok: true,
      data: { removed: true, ban: { identity: 'troll', room, reason: 'spam in chat', createdBy: 'moderator@test.example' } },
    });
    expect((await troll.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);

    const bans = await listBans();
    expect(bans.ok && bans.data.some((ban) => ban.identity === 'troll' && ban.room === room)).toBe(true);
    const { rows } = await queryAudit(await database(), { room, action: 'bans.create' });
    expect(rows).toHaveLength(1);

    const refused = await requestToken({ room, identity: 'troll' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'banned', message: `troll is banned from ${room}: spam in chat` });
    expect((await requestToken({ room: uniqueRoom('other'), identity: 'troll' })).status).toBe(200);
  });

  it('a banned identity that rejoins with a still-valid token is ejected by the webhook, and that is audited', async () => {
    const room = uniqueRoom();
    await banParticipant({ room, identity: 'returner', scope: 'everywhere' });
    const returner = await joinParticipant({ room, identity: 'returner' });

    const response = await participantJoined(room, 'returner');
    expect(await response.json()).toMatchObject({ received: 'participant_joined', ejected: 'returner' });
    expect((await returner.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    const { rows } = await queryAudit(await database(), { room, action: 'bans.autoEject' });
    expect(rows).toMatchObject([{ targetIdentity: 'returner', outcome: 'ok', actorEmail: null }]);

    const bystander = await joinParticipant({ room, identity: 'bystander' });
    expect(await (await participantJoined(room, 'bystander')).json()).not.toHaveProperty('ejected');
    expect(bystander.connected).toBe(true);
  });

  it('lifting a ban lets the token endpoint issue again; an expired ban no longer counts', async () => {
    const room = uniqueRoom();
    const banned = await banParticipant({ room, identity: 'sorry', expiresInMinutes: 60 });
    if (!banned.ok) throw new Error(banned.error.message);
    expect(banned.data.removed).toBe(false);
    expect((await requestToken({ room, identity: 'sorry' })).status).toBe(403);

    expect(await liftBan({ id: banned.data.ban.id })).toMatchObject({ ok: true });
    expect(await liftBan({ id: banned.data.ban.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const issued = await requestToken({ room, identity: 'sorry', name: 'Sorry', preset: 'speaker' });
    expect(issued.status).toBe(200);
    const body = await issued.json();
    const claims = await new TokenVerifier(testServer().apiKey, testServer().apiSecret).verify(body.token);
    expect(claims).toMatchObject({ sub: 'sorry', name: 'Sorry', video: { room, roomJoin: true, canPublish: true, canUpdateOwnMetadata: true } });
  });
});

describe('token endpoint', () => {
  it('refuses a wrong app key and bad input with clear errors', async () => {
    const wrongKey = await requestToken({ room: 'r', identity: 'a' }, 'not-the-key-not-the-key-not');
    expect(wrongKey.status).toBe(401);
    const bad = await requestToken({ room: '', identity: 'a', preset: 'host' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'validation', fieldErrors: { room: [expect.any(String)], preset: [expect.any(String)] } });
  });

  it('issues an audience token by default: subscribe, own metadata, no publishing, no data', async () => {
    const room = uniqueRoom();
    const response = await requestToken({ room, identity: 'fan' });
    const { token: jwt, url } = await response.json();
    expect(url).toBe(testServer().url.replace('http://', 'ws://'));
    const claims = await new TokenVerifier(testServer().apiKey, testServer().apiSecret).verify(jwt);
    expect(claims.video).toMatchObject({ room, canPublish: false, canSubscribe: true, canPublishData: false, canUpdateOwnMetadata: true });
  });
});
