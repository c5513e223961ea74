import { describe, expect, it } from 'vitest';
import { claimTarget, listClaims, presenceHeartbeat, presenceLeave, releaseClaim } from '@/lib/teamwork/claims-actions';
import { promoteToSpeaker } from '@/lib/participants/actions';
import { database } from '@/lib/db';
import { claimTarget as storeClaim, roomClaims } from '@/lib/teamwork/claims-store';
import { beatPresence } from '@/lib/teamwork/presence-store';
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

describe('moderator presence', () => {
  it('lists every account with the room open, once per account, and forgets a tab that left or went quiet', async () => {
    const room = uniqueRoom('presence');
    actAs(alice);
    await presenceHeartbeat({ room, tab: 'alice-tab-1' });
    await presenceHeartbeat({ room, tab: 'alice-tab-2' });
    actAs(bob);
    const seen = await presenceHeartbeat({ room, tab: 'bob-tab-1' });
    expect(seen).toMatchObject({
      ok: true,
      data: { you: 'acct-bob', present: [{ name: 'Alice', tabs: 2 }, { name: 'Bob', tabs: 1 }] },
    });

    expect(await presenceLeave({ room, tab: 'bob-tab-1' })).toMatchObject({ ok: true });
    actAs(alice);
    const after = await presenceHeartbeat({ room, tab: 'alice-tab-1' });
    expect(after.ok && after.data.present.map((each) => each.name)).toEqual(['Alice']);

    // a tab that closed without a word is dropped once it has not beaten for the time given
    const db = await database();
    await beatPresence(db, { room, tab: 'carol-tab-1', accountId: 'acct-carol', name: 'Carol' }, 15_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const beat = await beatPresence(db, { room, tab: 'alice-tab-1', accountId: 'acct-alice', name: 'Alice' }, 200);
    expect(beat.present.map((each) => each.name)).toEqual(['Alice']);
    expect(beat.changed).toBe(true);
  });
});
