import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { startLiveKitRelay } from '../helpers/livekit-relay';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

// the dashboard reaches LiveKit through a relay the test can hold; the participants connect directly
const relay = await startLiveKitRelay(inject('livekit').url);
process.env.LIVEKIT_URL = relay.url;
const { banParticipant, liftBan } = await import('@/lib/bans/actions');
const { sweepBans } = await import('@/lib/bans/job');
const { database } = await import('@/lib/db');
const { queryAudit } = await import('@/lib/actions/audit-store');

let release = () => {};
afterEach(() => release());
afterAll(() => relay.close());

describe('the ban sweep', () => {
  it('does not eject on a ban lifted after the sweep read the bans and before it reached the participant', async () => {
    const room = uniqueRoom('lifted-mid-sweep');
    const banned = await banParticipant({ room, identity: 'forgiven' });
    if (!banned.ok) throw new Error(banned.error.message);
    const forgiven = await joinParticipant({ room, identity: 'forgiven' });

    // LiveKit is slow to answer the sweep's first call: by then it has read the bans
    const held = relay.hold();
    release = held.release;
    const sweeping = sweepBans();
    await held.requested;
    expect(await liftBan({ id: banned.data.ban.id })).toMatchObject({ ok: true });
    held.release();

    expect(await sweeping).toMatchObject({ activeBans: 1, participants: 1, ejected: 0, pending: 0 });
    expect(forgiven.connected).toBe(true);
    expect((await queryAudit(await database(), { room, action: 'bans.autoEject' })).rows).toEqual([]);
  });
});
