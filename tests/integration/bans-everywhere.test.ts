import { DisconnectReason } from '@livekit/rtc-node';
import { describe, expect, it } from 'vitest';
import { banParticipant } from '@/lib/bans/actions';
import { sweepBans } from '@/lib/bans/job';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

const removed = (event: { data: Record<string, unknown> }) => event.data.reason === DisconnectReason.PARTICIPANT_REMOVED;

async function auditOf(room: string, action: string) {
  return (await queryAudit(await database(), { room, action })).rows;
}

describe('bans hold in every room', () => {
  it('an every-room ban removes the identity from every room it is in now, each eject audited as the moderator', async () => {
    const [first, second] = [uniqueRoom('a'), uniqueRoom('b')];
    const inFirst = await joinParticipant({ room: first, identity: 'wanderer' });
    const inSecond = await joinParticipant({ room: second, identity: 'wanderer' });
    const bystander = await joinParticipant({ room: second, identity: 'bystander' });

    const result = await banParticipant({ room: first, identity: 'wanderer', scope: 'everywhere', reason: 'raids' });
    expect(result).toMatchObject({ ok: true, data: { removed: true, pendingIn: [] } });
    expect(result.ok && [...result.data.ejectedFrom].sort()).toEqual([first, second].sort());

    expect(removed(await inFirst.waitFor('disconnected'))).toBe(true);
    expect(removed(await inSecond.waitFor('disconnected'))).toBe(true);
    expect(bystander.connected).toBe(true);
    for (const room of [first, second]) {
      expect(await auditOf(room, 'bans.eject')).toMatchObject([
        { targetIdentity: 'wanderer', actorEmail: 'moderator@test.example', outcome: 'ok', input: { cause: 'ban' } },
      ]);
    }
  });

  it('a room ban leaves the identity in its other rooms', async () => {
    const [banned, other] = [uniqueRoom('banned'), uniqueRoom('other')];
    const there = await joinParticipant({ room: banned, identity: 'local' });
    const elsewhere = await joinParticipant({ room: other, identity: 'local' });

    expect(await banParticipant({ room: banned, identity: 'local' })).toMatchObject({ ok: true, data: { ejectedFrom: [banned] } });
    expect(removed(await there.waitFor('disconnected'))).toBe(true);
    expect(elsewhere.connected).toBe(true);
    expect(await auditOf(other, 'bans.eject')).toEqual([]);
  });
});

describe('the ban sweep', () => {
  it('removes banned identities that joined while no webhook was handled, and only where their ban holds', async () => {
    const [anywhere, roomBanned, allowed] = [uniqueRoom('anywhere'), uniqueRoom('room-banned'), uniqueRoom('allowed')];
    // banned while absent: nothing to eject yet
    expect(await banParticipant({ room: anywhere, identity: 'sneaker', scope: 'everywhere' })).toMatchObject({
      ok: true,
      data: { removed: false, ejectedFrom: [], pendingIn: [] },
    });
    expect(await banParticipant({ room: roomBanned, identity: 'regular' })).toMatchObject({ ok: true, data: { ejectedFrom: [] } });

    // the test server's webhooks go to a port where no dashboard listens: only a sweep can catch these
    const sneaker = await joinParticipant({ room: anywhere, identity: 'sneaker' });
    const regularBanned = await joinParticipant({ room: roomBanned, identity: 'regular' });
    const regularAllowed = await joinParticipant({ room: allowed, identity: 'regular' });
    const bystander = await joinParticipant({ room: anywhere, identity: 'bystander' });

    const report = await sweepBans();
    expect(report).toMatchObject({ pending: 0 });
    expect(report!.ejected).toBeGreaterThanOrEqual(2);
    expect(removed(await sneaker.waitFor('disconnected'))).toBe(true);
    expect(removed(await regularBanned.waitFor('disconnected'))).toBe(true);
    expect(regularAllowed.connected).toBe(true);
    expect(bystander.connected).toBe(true);

    for (const [room, identity] of [[anywhere, 'sneaker'], [roomBanned, 'regular']] as const) {
      expect(await auditOf(room, 'bans.autoEject')).toMatchObject([
        { targetIdentity: identity, actorEmail: null, outcome: 'ok', input: { cause: 'sweep' } },
      ]);
    }
    expect(await auditOf(allowed, 'bans.autoEject')).toEqual([]);

    // nobody left to remove: a second sweep writes nothing
    await sweepBans();
    expect(await auditOf(anywhere, 'bans.autoEject')).toHaveLength(1);
  });
});
