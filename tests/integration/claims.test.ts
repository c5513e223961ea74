import { describe, expect, it } from 'vitest';
import { claimTarget, listClaims, releaseClaim } from '@/lib/teamwork/claims-actions';
import { listPresence } from '@/lib/teamwork/presence-actions';
import { presenceForStream } from '@/lib/teamwork/presence-service';
import { roomEventHub } from '@/lib/events/room-events-store';
import { roomEventStream } from '@/lib/events/room-stream';
import { promoteToSpeaker } from '@/lib/participants/actions';
import { database, moderatorPresence } from '@/lib/db';
import { eq, sql } from 'drizzle-orm';
import { claimTarget as storeClaim, roomClaims } from '@/lib/teamwork/claims-store';
import { enterPresence, sweepPresence } from '@/lib/teamwork/presence-store';
import { queryAudit } from '@/lib/actions/audit-store';
import { actAs, actorWith } from '../helpers/actors';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

const alice = { ...actorWith('moderator'), id: 'acct-alice', label: 'Alice' };
const bob = { ...actorWith('moderator'), id: 'acct-bob', email: 'bob@test.example', label: 'Bob' };

async function claimsIn(room: string) {
  const listed = await listClaims({ room });
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.data.claims;
}

describe('claims: "I\'m handling this"', () => {
  it('one moderator holds a claim; another is refused with who and since when, and can take it over', async () => {
    const room = uniqueRoom('claims');
    const target = { kind: 'participant' as const, room, identity: 'fan' };
    actAs(alice);
    const mine = await claimTarget(target);
    expect(mine).toMatchObject({ ok: true, data: { claimedBy: 'acct-alice', claimedByName: 'Alice', kind: 'participant', identity: 'fan' } });

    actAs(bob);
    const refused = await claimTarget(target);
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('Alice is already handling this') } });
    expect(await releaseClaim(target)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await claimsIn(room)).toMatchObject([{ claimedByName: 'Alice' }]);

    const taken = await claimTarget({ ...target, takeOver: true });
    expect(taken).toMatchObject({ ok: true, data: { claimedByName: 'Bob' } });
    expect(await claimsIn(room)).toMatchObject([{ claimedByName: 'Bob' }]);

    // every claim, refusal and release is in the audit log
    const { rows } = await queryAudit(await database(), { room, action: 'claims.claim' });
    expect(rows.map((row) => row.outcome).sort()).toEqual(['error', 'ok', 'ok']);
  });

  it('renewing one\'s own claim keeps its start; releasing it by hand frees it', async () => {
    const room = uniqueRoom('claims');
    const target = { kind: 'hand' as const, room, identity: 'raiser' };
    actAs(alice);
    const first = await claimTarget(target);
    if (!first.ok) throw new Error(first.error.message);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const renewed = await claimTarget(target);
    if (!renewed.ok) throw new Error(renewed.error.message);
    expect(renewed.data.claimedAt).toBe(first.data.claimedAt);
    expect(renewed.data.expiresAt).toBeGreaterThan(first.data.expiresAt);

    expect(await releaseClaim(target)).toMatchObject({ ok: true });
    expect(await claimsIn(room)).toEqual([]);
  });

  it('expires: an expired claim is listed no more and anyone may claim it', async () => {
    const room = uniqueRoom('claims');
    const db = await database();
    const target = { kind: 'lobby' as const, room, identity: 'knocker' };
    const held = await storeClaim(db, target, { id: 'acct-alice', name: 'Alice' }, 400);
    expect(held.ok).toBe(true);
    expect(await storeClaim(db, target, { id: 'acct-bob', name: 'Bob' }, 400)).toMatchObject({ ok: false, heldBy: { claimedByName: 'Alice' } });
    await eventually(async () => (await roomClaims(db, room)).claims.length, (count) => count === 0, { timeoutMs: 5_000 });
    expect(await storeClaim(db, target, { id: 'acct-bob', name: 'Bob' }, 400)).toMatchObject({ ok: true, claim: { claimedByName: 'Bob' } });
  });

  it('is released when its moderator acts on that participant, and only then', async () => {
    const room = uniqueRoom('claims');
    await joinParticipant({ room, identity: 'fan' });
    await joinParticipant({ room, identity: 'other' });
    actAs(alice);
    await claimTarget({ kind: 'participant', room, identity: 'fan' });
    await claimTarget({ kind: 'hand', room, identity: 'fan' });
    actAs(bob);
    await claimTarget({ kind: 'participant', room, identity: 'other' });

    // someone else acting on a claimed participant does not release it (they were warned, and went ahead)
    actAs(bob);
    expect(await promoteToSpeaker({ room, identity: 'fan' })).toMatchObject({ ok: true });
    expect((await claimsIn(room)).filter((claim) => claim.identity === 'fan')).toHaveLength(2);

    actAs(alice);
    expect(await promoteToSpeaker({ room, identity: 'fan' })).toMatchObject({ ok: true });
    expect(await claimsIn(room)).toMatchObject([{ identity: 'other', claimedByName: 'Bob' }]);
  });

  it('refuses bad input and viewers', async () => {
    const room = uniqueRoom('claims');
    expect(await claimTarget({ kind: 'seat' as never, room, identity: 'x' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    actAs(actorWith('viewer'));
    expect(await claimTarget({ kind: 'participant', room, identity: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await listClaims({ room })).toMatchObject({ ok: true });
  });
});

/** A room page's event stream naming its room and tab, as app/api/rooms/stream/route.ts opens it. */
async function openPage(room: string, tab: string, who: { id: string; label: string }) {
  const page = new AbortController();
  const response = await roomEventStream(roomEventHub(), page.signal, {
    lifetime: () => presenceForStream({ room, tab, accountId: who.id, name: who.label }),
  });
  expect(response.status).toBe(200);
  return { close: () => page.abort(), response };
}

async function presentNames(room: string) {
  const listed = await listPresence({ room });
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.data.present.map((each) => `${each.name}×${each.tabs}`);
}

describe('moderator presence: a room page is present while its event stream is open', () => {
  it('lists every account with the room open, once per account, and forgets a tab whose stream ended', async () => {
    const room = uniqueRoom('presence');
    const aliceOne = await openPage(room, 'alice-tab-1', alice);
    await openPage(room, 'alice-tab-2', alice);
    const bobs = await openPage(room, 'bob-tab-1', bob);
    actAs(bob);
    expect(await listPresence({ room })).toMatchObject({ ok: true, data: { you: 'acct-bob', present: [{ name: 'Alice', tabs: 2 }, { name: 'Bob', tabs: 1 }] } });

    bobs.close();
    await eventually(() => presentNames(room), (names) => names.join() === 'Alice×2');
    aliceOne.close();
    await eventually(() => presentNames(room), (names) => names.join() === 'Alice×1');
  });

  it("a reconnected tab stays when its old stream's end arrives after the new one opened", async () => {
    const room = uniqueRoom('presence-reconnect');
    const old = await openPage(room, 'carol-tab-1', { id: 'acct-carol', label: 'Carol' });
    await openPage(room, 'carol-tab-1', { id: 'acct-carol', label: 'Carol' });
    old.close();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await presentNames(room)).toEqual(['Carol×1']);
  });

  it('drops a tab no replica vouches for (its replica died), and no longer lists it meanwhile', async () => {
    const room = uniqueRoom('presence-stale');
    const db = await database();
    await enterPresence(db, { room, tab: 'dave-tab-1', stream: 'stream-of-a-dead-replica', accountId: 'acct-dave', name: 'Dave' });
    await db.execute(sql`update moderator_presence set last_seen = now() - interval '20 seconds' where room = ${room}`);
    expect(await presentNames(room)).toEqual([]);
    expect(await sweepPresence(db, 15_000)).toContain(room);
    expect(await db.select().from(moderatorPresence).where(eq(moderatorPresence.room, room))).toEqual([]);
  });

  it('this replica vouches for its open streams in one write every 5 s, so an open page is never swept', async () => {
    const room = uniqueRoom('presence-vouch');
    await openPage(room, 'erin-tab-1', { id: 'acct-erin', label: 'Erin' });
    const db = await database();
    await db.execute(sql`update moderator_presence set last_seen = now() - interval '20 seconds' where room = ${room}`);
    expect(await presentNames(room)).toEqual([]);
    await eventually(() => presentNames(room), (names) => names.join() === 'Erin×1', { timeoutMs: 8_000 });
  });
});
