import { createHash, randomUUID } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/livekit/webhook/route';
import { dismissAlert, listRoomAlerts } from '@/lib/teamwork/alerts-actions';
import { recordHands } from '@/lib/hands/actions';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { database } from '@/lib/db';
import { insertBan } from '@/lib/bans/store';
import { handsWaiting } from '@/lib/teamwork/alerts-store';
import type { RoomAlerts } from '@/lib/teamwork/shared';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

/** A participant_joined webhook as LiveKit signs it, through the real endpoint. */
async function joined(room: string, identity: string, { name = '', metadata = '', sid = `PA_${randomUUID().slice(0, 12)}` } = {}) {
  const body = JSON.stringify({
    event: 'participant_joined',
    id: `EV_${randomUUID()}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: room },
    participant: { identity, sid, name, metadata },
  });
  const { apiKey, apiSecret } = testServer();
  const token = new AccessToken(apiKey, apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  const response = await POST(
    new Request('http://localhost/api/livekit/webhook', {
      method: 'POST',
      headers: { 'content-type': 'application/webhook+json', authorization: await token.toJwt() },
      body,
    }),
  );
  expect(response.status).toBe(200);
}

async function alertsOf(room: string): Promise<RoomAlerts> {
  const result = await listRoomAlerts({ room });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('identity churn', () => {
  it('flags an identity joining with a 4th new session within a minute, not one with 3', async () => {
    const room = uniqueRoom('churn');
    for (let session = 0; session < 3; session += 1) await joined(room, 'steady');
    for (let session = 0; session < 4; session += 1) await joined(room, 'churner');
    const { alerts } = await alertsOf(room);
    expect(alerts).toMatchObject([{ identity: 'churner', kind: 'churn', detail: { sessions: 4, windowMs: 60_000 } }]);

    // a 5th refreshes the same alert, it does not add one
    await joined(room, 'churner');
    expect((await alertsOf(room)).alerts).toMatchObject([{ identity: 'churner', detail: { sessions: 5 } }]);
  });

  it('a dismissed alert leaves the list, and comes back if the identity churns again', async () => {
    const room = uniqueRoom('churn');
    for (let session = 0; session < 4; session += 1) await joined(room, 'churner');
    const [alert] = (await alertsOf(room)).alerts;
    expect(await dismissAlert({ room, id: alert!.id })).toMatchObject({ ok: true });
    expect((await alertsOf(room)).alerts).toEqual([]);
    expect(await dismissAlert({ room, id: alert!.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await joined(room, 'churner');
    expect((await alertsOf(room)).alerts).toMatchObject([{ identity: 'churner', kind: 'churn' }]);
  });
});

describe('ban-evasion hints', () => {
  it('flags a new identity joining right after a ban with the banned one\'s name or metadata, and nothing else', async () => {
    const room = uniqueRoom('evasion');
    const db = await database();
    await joined(room, 'regular', { name: 'Troll King' }); // in the room before the ban: not a new identity
    await joined(room, 'troll', { name: 'Troll King', metadata: '{"seat":"12"}' });
    await insertBan(db, { identity: 'troll', room, reason: 'spam', expiresAt: null, createdBy: 'mod@test.example' });

    await joined(room, 'troll-2', { name: 'Troll King' });
    await joined(room, 'seat-12', { name: 'Someone', metadata: '{"seat":"12"}' });
    await joined(room, 'stranger', { name: 'Stranger', metadata: '{"seat":"13"}' });
    await joined(room, 'regular', { name: 'Troll King' });

    const { alerts } = await alertsOf(room);
    const hints = alerts.filter((alert) => alert.kind === 'ban_evasion');
    expect(hints.map((alert) => alert.identity).sort()).toEqual(['seat-12', 'troll-2']);
    expect(hints.find((alert) => alert.identity === 'troll-2')?.detail).toMatchObject({ bannedIdentity: 'troll', matched: ['name'] });
    expect(hints.find((alert) => alert.identity === 'seat-12')?.detail).toMatchObject({ bannedIdentity: 'troll', matched: ['metadata'] });
  });
});

describe('hands waiting too long', () => {
  it('lists hands up longer than the threshold by the database clock, and when the next one is due', async () => {
    const room = uniqueRoom('hands');
    const db = await database();
    // real participants with their hands up: the action records only hands LiveKit lists (as a moderator, the tests' default actor)
    const raise = async (identity: string) => {
      const value = new Date().toISOString();
      await joinParticipant({ room, identity, attributes: { [HAND_ATTRIBUTE]: value } });
      const result = await recordHands({ room, raised: [{ identity, value }], lowered: [] });
      expect(result).toMatchObject({ ok: true, data: [{ identity, value }] });
    };
    await raise('early');
    await new Promise((resolve) => setTimeout(resolve, 400));
    await raise('late');

    const hands = await handsWaiting(db, room, 300);
    expect(hands.waiting.map((hand) => hand.identity)).toEqual(['early']);
    expect(hands.nextDueInMs).toBeGreaterThan(0);
    expect(hands.nextDueInMs).toBeLessThanOrEqual(300);

    // the default threshold is 5 minutes: nothing is waiting yet
    const listed = await alertsOf(room);
    expect(listed).toMatchObject({ waitingHands: [], handWaitMs: 300_000 });
    expect(listed.nextHandDueInMs).toBeGreaterThan(290_000);
  });
});
