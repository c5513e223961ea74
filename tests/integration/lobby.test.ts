import { DisconnectReason, Room } from '@livekit/rtc-node';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import { POST as webhook } from '@/app/api/livekit/webhook/route';
import { POST as tokenPost } from '@/app/api/token/route';
import { DELETE as ticketDelete, GET as ticketGet } from '@/app/api/token/tickets/[ticket]/route';
import { admitFromLobby, denyFromLobby, getLobby } from '@/lib/access/lobby-actions';
import { setRoomAccessMode } from '@/lib/access/actions';
import { database, lobbyTickets } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { actAs, actorWith } from '../helpers/actors';
import { checkTicket, requestToken, waitOnTicket, type AppCall } from '../helpers/lobby-app';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { deliverJoin as deliverSignedJoin } from '../helpers/signed-webhook';

/** The dashboard's app endpoints, called as route handlers with the app key. */
const call: AppCall = async (method, path, body) => {
  const request = new Request(`http://localhost${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('appKey')}` },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (path === '/api/token') return tokenPost(request);
  const ticket = new URL(request.url).pathname.split('/').pop()!;
  const handler = method === 'DELETE' ? ticketDelete : ticketGet;
  return handler(request, { params: Promise.resolve({ ticket }) });
};

async function setMode(room: string, mode: 'open' | 'knock' | 'locked') {
  const result = await setRoomAccessMode({ room, mode });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function lobbyOf(room: string) {
  const result = await getLobby({ room });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function joinWithToken(url: string, token: string): Promise<Room> {
  const room = new Room();
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  return room;
}

async function auditOf(room: string, action: string) {
  return (await queryAudit(await database(), { room, action })).rows;
}

describe('lobby: knock, admit, deny', () => {
  it('knock → 202 with a ticket → the lobby lists it → Admit → the waiting app gets a token and joins', async () => {
    const room = uniqueRoom('knock');
    const host = await joinParticipant({ room, identity: 'host' });
    expect((await setMode(room, 'knock')).admittedPresent).toEqual(['host']);

    const knocked = await requestToken(call, { room, identity: 'fan-1', name: 'Fan One' });
    expect(knocked.status).toBe(202);
    expect(knocked.body).toMatchObject({ status: 'waiting', room, identity: 'fan-1', ticket: expect.stringMatching(/^tk_/) });
    const lobby = await lobbyOf(room);
    expect(lobby.access.mode).toBe('knock');
    expect(lobby.waiting).toEqual([{ identity: 'fan-1', name: 'Fan One', preset: 'audience', since: expect.any(Number) }]);
    expect((await checkTicket(call, knocked.body.ticket!, 0)).status).toBe(202);

    const waiting = waitOnTicket(call, knocked.body.ticket!, { waitSeconds: 20 });
    expect((await admitFromLobby({ room, identity: 'fan-1' })).ok).toBe(true);
    const admitted = await waiting;
    expect(admitted.status).toBe(200);
    expect(admitted.body).toMatchObject({ status: 'admitted', identity: 'fan-1', room, preset: 'audience' });
    const app = await joinWithToken(admitted.body.url!, admitted.body.token!);
    try {
      await host.waitFor('participantConnected', (event) => event.data.identity === 'fan-1');
      expect((await lobbyOf(room)).waiting).toEqual([]);
    } finally {
      await app.disconnect();
    }

    // admitted identities and those present when the room started knocking pass straight through
    expect((await requestToken(call, { room, identity: 'fan-1' })).status).toBe(200);
    expect((await requestToken(call, { room, identity: 'host' })).body.error).toBe('identity_in_use');
    expect((await requestToken(call, { room, identity: 'fan-2' })).status).toBe(202);

    expect(await auditOf(room, 'lobby.admit')).toMatchObject([{ targetIdentity: 'fan-1', outcome: 'ok', actorEmail: 'moderator@test.example' }]);
    expect(await auditOf(room, 'access.set')).toMatchObject([{ outcome: 'ok', before: { mode: 'open' }, after: { mode: 'knock' } }]);
  });

  it('Deny → the waiting app gets a clear refusal; a viewer may not decide; a decided knock cannot be decided again', async () => {
    const room = uniqueRoom('deny');
    await joinParticipant({ room, identity: 'host' });
    await setMode(room, 'knock');
    const knocked = await requestToken(call, { room, identity: 'pest', name: 'Pest' });
    expect(knocked.status).toBe(202);

    actAs(actorWith('viewer'));
    expect(await admitFromLobby({ room, identity: 'pest' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    actAs(actorWith('moderator'));

    const waiting = waitOnTicket(call, knocked.body.ticket!, { waitSeconds: 20 });
    expect((await denyFromLobby({ room, identity: 'pest' })).ok).toBe(true);
    const refused = await waiting;
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ status: 'denied', error: 'denied', message: `A moderator did not let pest into ${room}` });
    expect(await admitFromLobby({ room, identity: 'pest' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await auditOf(room, 'lobby.deny')).toMatchObject([{ targetIdentity: 'pest', outcome: 'ok' }]);
    // knocking again is a new request, for a moderator to decide again
    expect((await requestToken(call, { room, identity: 'pest' })).status).toBe(202);
  });

  it('two moderators admitting the same knock at once: one admits, the other is told it is no longer waiting', async () => {
    const room = uniqueRoom('race');
    await setMode(room, 'knock');
    await requestToken(call, { room, identity: 'fan' });
    const results = await Promise.all([admitFromLobby({ room, identity: 'fan' }), admitFromLobby({ room, identity: 'fan' })]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { code: 'not_found', message: expect.stringContaining('no longer waiting') } });
  });

  it('a ticket nobody asks about expires (410) and leaves the lobby; the app can withdraw its knock', async () => {
    const room = uniqueRoom('expire');
    await setMode(room, 'knock');
    const idle = await requestToken(call, { room, identity: 'gone' });
    const db = await database();
    await db.update(lobbyTickets).set({ lastSeenAt: sql`now() - interval '2 minutes'` }).where(eq(lobbyTickets.id, idle.body.ticket!));
    expect((await lobbyOf(room)).waiting).toEqual([]);
    const expired = await checkTicket(call, idle.body.ticket!, 0);
    expect(expired.status).toBe(410);
    expect(expired.body).toMatchObject({ status: 'expired', error: 'ticket_expired' });

    const leaving = await requestToken(call, { room, identity: 'leaving' });
    expect((await lobbyOf(room)).waiting.map((entry) => entry.identity)).toEqual(['leaving']);
    const withdrawn = await call('DELETE', `/api/token/tickets/${leaving.body.ticket}`);
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toEqual({ status: 'expired', withdrawn: true });
    expect((await lobbyOf(room)).waiting).toEqual([]);
    expect((await checkTicket(call, leaving.body.ticket!, 0)).status).toBe(410);
    expect((await call('DELETE', `/api/token/tickets/${leaving.body.ticket}`)).status).toBe(409);

    expect((await checkTicket(call, 'tk_nosuchticketatallxx', 0)).status).toBe(404);
    expect((await call('GET', `/api/token/tickets/${leaving.body.ticket}?wait=99`)).status).toBe(400);
  });

  it('opening the room admits everyone waiting', async () => {
    const room = uniqueRoom('open');
    await setMode(room, 'knock');
    const knocked = await requestToken(call, { room, identity: 'patient' });
    const waiting = waitOnTicket(call, knocked.body.ticket!, { waitSeconds: 20 });
    expect((await setMode(room, 'open')).decidedTickets).toEqual(['patient']);
    expect((await waiting).body).toMatchObject({ status: 'admitted', token: expect.any(String) });
  });
});

describe('lock', () => {
  it('refuses new identities (403 room_locked) and the lobby; those present when it was locked still get tokens', async () => {
    const room = uniqueRoom('lock');
    await joinParticipant({ room, identity: 'host' });
    const early = await joinParticipant({ room, identity: 'early' });
    await setMode(room, 'knock');
    const knocked = await requestToken(call, { room, identity: 'knocker' });
    const waiting = waitOnTicket(call, knocked.body.ticket!, { waitSeconds: 20 });

    const locked = await setMode(room, 'locked');
    expect(locked).toMatchObject({ before: 'knock', mode: 'locked', decidedTickets: ['knocker'] });
    expect(await waiting).toMatchObject({ status: 403, body: { status: 'locked', error: 'room_locked' } });
    const refused = await requestToken(call, { room, identity: 'newcomer' });
    expect(refused).toMatchObject({ status: 403, body: { error: 'room_locked', message: expect.stringContaining(`${room} is locked`) } });

    await early.leave();
    expect((await requestToken(call, { room, identity: 'early' })).status).toBe(200);

    await setMode(room, 'open');
    expect((await requestToken(call, { room, identity: 'newcomer' })).status).toBe(200);
  });

  it('removes a newcomer who joins with an older token (webhook), audited; those present when locked, and hosts, stay', async () => {
    const room = uniqueRoom('lock-eject');
    await joinParticipant({ room, identity: 'host' });
    const early = await joinParticipant({ room, identity: 'early' });
    await setMode(room, 'locked');

    const latecomer = await joinParticipant({ room, identity: 'latecomer' });
    const ejected = await deliverJoin(room, 'latecomer');
    expect(ejected).toMatchObject({ ejected: 'latecomer' });
    expect((await latecomer.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);

    expect(await deliverJoin(room, 'early')).not.toHaveProperty('ejected');
    const cohost = await joinParticipant({ room, identity: 'late-host', grant: { canPublish: true, canUpdateOwnMetadata: true } });
    expect(await deliverJoin(room, 'late-host', { canSubscribe: true, canPublish: true, canPublishData: true, canUpdateMetadata: true })).not.toHaveProperty('ejected');
    expect(early.connected).toBe(true);
    expect(cohost.connected).toBe(true);

    expect(await auditOf(room, 'access.lockedEject')).toMatchObject([
      { targetIdentity: 'latecomer', outcome: 'ok', actorEmail: null, input: { cause: 'webhook' } },
    ]);
  });
});

async function deliverJoin(room: string, identity: string, permission?: Record<string, boolean>) {
  const delivered = await deliverSignedJoin(webhook, room, identity, permission);
  expect(delivered.status).toBe(200);
  return delivered.body;
}
