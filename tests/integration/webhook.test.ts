import { createHash } from 'node:crypto';
import { DisconnectReason } from '@livekit/rtc-node';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AccessToken } from 'livekit-server-sdk';
import { POST } from '@/app/api/livekit/webhook/route';
import { banParticipant } from '@/lib/bans/actions';
import { setRoomAccessMode } from '@/lib/access/actions';
import { receiveWebhook } from '@/lib/livekit/webhooks';
import { claimWebhookEvent } from '@/lib/webhooks/store';
import { database, webhookEvents } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

const body = JSON.stringify({
  event: 'participant_joined',
  id: 'EV_test',
  createdAt: '1790000000',
  room: { name: 'demo-event' },
  participant: { identity: 'audience-01', sid: 'PA_audience01' },
});

async function signed(payload: string, secret: string) {
  const { apiKey } = testServer();
  const token = new AccessToken(apiKey, secret);
  token.sha256 = createHash('sha256').update(payload).digest('base64');
  return token.toJwt();
}

function post(payload: string | ReadableStream<Uint8Array>, authorization?: string) {
  return POST(
    new Request('http://localhost/api/livekit/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', ...(authorization && { authorization }) },
      body: payload,
      ...(typeof payload !== 'string' && { duplex: 'half' }),
    } as RequestInit),
  );
}

describe('LiveKit webhook endpoint', () => {
  it('accepts an event signed with the API secret and keeps what it said', async () => {
    const response = await post(body, await signed(body, testServer().apiSecret));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 'participant_joined', id: 'EV_test' });
    const [stored] = await (await database()).select().from(webhookEvents).where(eq(webhookEvents.id, 'EV_test'));
    expect(stored).toMatchObject({
      event: 'participant_joined',
      room: 'demo-event',
      identity: 'audience-01',
      participantSid: 'PA_audience01',
      createdAt: new Date(1790000000 * 1000),
    });
  });

  it('refuses a wrong signature, a tampered body and a missing header with a code, never the verifier\'s text', async () => {
    const wrongKey = await post(body, await signed(body, 'not-the-secret-not-the-secret-xx'));
    const tampered = await post(body.replace('audience-01', 'audience-02'), await signed(body, testServer().apiSecret));
    const missing = await post(body);
    const garbage = await post(body, 'Bearer not.a.jwt');
    for (const response of [wrongKey, tampered, missing, garbage]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'invalid_signature' });
    }
  });

  it('answers 413 to a body over 1 MB, declared or streamed, before verifying it', async () => {
    const big = JSON.stringify({ event: 'room_started', id: 'EV_big', pad: 'x'.repeat(1024 * 1024) });
    const declared = await post(big, await signed(big, testServer().apiSecret));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: 'too_large' });

    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        if (sent > 64 * 1024 * 1024) controller.close(); // a stop, should the endpoint read everything
      },
    });
    const streamed = await post(endless, await signed('', testServer().apiSecret));
    expect(streamed.status).toBe(413);
    expect(sent).toBeLessThanOrEqual(2 * 1024 * 1024);
  });

  it('handles an event delivered several times (a retry, or another replica) once: one eject, one audit row', async () => {
    const room = uniqueRoom('dedupe');
    await banParticipant({ room, identity: 'returner' });
    const returner = await joinParticipant({ room, identity: 'returner' });
    const event = JSON.stringify({
      event: 'participant_joined',
      id: `EV_${room}`,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { name: room },
      participant: { identity: 'returner', sid: 'PA_returner' },
    });
    const authorization = await signed(event, testServer().apiSecret);

    const together = await Promise.all([post(event, authorization), post(event, authorization)]);
    const again = await post(event, authorization);
    const answers = await Promise.all([...together, again].map((response) => response.json()));

    expect(answers.filter((answer) => answer.ejected === 'returner')).toHaveLength(1);
    expect(answers.filter((answer) => answer.duplicate === true)).toHaveLength(2);
    expect((await returner.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    const { rows } = await queryAudit(await database(), { room, action: 'bans.autoEject' });
    expect(rows).toMatchObject([{ targetIdentity: 'returner', outcome: 'ok' }]);
  });

  it('acts on a redelivery when the first delivery claimed the event and died (crash, or a database outage that failed its release too)', async () => {
    const room = uniqueRoom('claim-died');
    await joinParticipant({ room, identity: 'host' });
    expect(await setRoomAccessMode({ room, mode: 'locked' })).toMatchObject({ ok: true });
    const latecomer = await joinParticipant({ room, identity: 'latecomer' });
    const event = JSON.stringify({
      event: 'participant_joined',
      id: `EV_${room}`,
      createdAt: String(Math.floor(Date.now() / 1000)),
      room: { name: room },
      participant: { identity: 'latecomer', sid: 'PA_latecomer' },
    });
    const authorization = await signed(event, testServer().apiSecret);
    // what the dead delivery left: its claim, written ten minutes ago, and no eject
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    expect(await claimWebhookEvent(await database(), await receiveWebhook(event, authorization), 30_000, tenMinutesAgo)).toBe(true);

    const redelivery = await post(event, authorization);
    expect(await redelivery.json()).toEqual({ received: 'participant_joined', id: `EV_${room}`, ejected: 'latecomer' });
    expect((await latecomer.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    const [stored] = await (await database()).select().from(webhookEvents).where(eq(webhookEvents.id, `EV_${room}`));
    expect(stored).toMatchObject({ status: 'done' });
    expect(await (await post(event, authorization)).json()).toMatchObject({ duplicate: true });
    const { rows } = await queryAudit(await database(), { room, action: 'access.lockedEject' });
    expect(rows).toMatchObject([{ targetIdentity: 'latecomer', outcome: 'ok' }]);
  });
});
