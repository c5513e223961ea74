import { DisconnectReason } from '@livekit/rtc-node';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { startLiveKitRelay } from '../helpers/livekit-relay';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { deliverJoin } from '../helpers/signed-webhook';

// the dashboard reaches LiveKit through a relay the tests can cut; the participants connect directly
const relay = await startLiveKitRelay(inject('livekit').url);
process.env.LIVEKIT_URL = relay.url;
const { POST: webhook } = await import('@/app/api/livekit/webhook/route');
const { setRoomAccessMode } = await import('@/lib/access/actions');
const { retryDueEjections } = await import('@/lib/bans/job');
const { database } = await import('@/lib/db');
const { queryAudit } = await import('@/lib/actions/audit-store');
const { allPendingEjections } = await import('@/lib/bans/store');

// a test that failed with the relay cut leaves it cut: back up for the next (restore alone would listen twice)
afterEach(async () => {
  await relay.cut();
  await relay.restore();
});
afterAll(() => relay.close());

/** far enough ahead that every backoff has passed */
const later = () => new Date(Date.now() + 120_000);

async function pendingIn(room: string) {
  return (await allPendingEjections(await database())).filter((row) => row.room === room);
}

describe('a locked room\'s eject that fails', () => {
  it('waits as pending (no ban behind it), is retried while the room stays locked, and drops when it succeeds', async () => {
    const room = uniqueRoom('lock-retry');
    await joinParticipant({ room, identity: 'host' });
    expect(await setRoomAccessMode({ room, mode: 'locked' })).toMatchObject({ ok: true });
    const latecomer = await joinParticipant({ room, identity: 'latecomer' });

    await relay.cut();
    expect(await deliverJoin(webhook, room, 'latecomer')).toMatchObject({ status: 200, body: { received: 'participant_joined' } });
    expect(await pendingIn(room)).toMatchObject([{ identity: 'latecomer', banId: null, attempts: 1 }]);
    expect(await retryDueEjections(later())).toBe(1);
    expect(await pendingIn(room)).toMatchObject([{ identity: 'latecomer', attempts: 2 }]);
    expect(latecomer.connected).toBe(true);

    await relay.restore();
    expect(await retryDueEjections(later())).toBe(1);
    expect((await latecomer.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    expect(await pendingIn(room)).toEqual([]);

    const { rows } = await queryAudit(await database(), { room, action: 'access.lockedEject' });
    expect(rows.map((row) => [row.outcome, (row.input as { cause?: string }).cause]).sort()).toEqual([
      ['error', 'retry'],
      ['error', 'webhook'],
      ['ok', 'retry'],
    ]);
  });

  it('is dropped, not tried, once the room is open again', async () => {
    const room = uniqueRoom('lock-opened');
    await joinParticipant({ room, identity: 'host' });
    expect(await setRoomAccessMode({ room, mode: 'locked' })).toMatchObject({ ok: true });
    const forgiven = await joinParticipant({ room, identity: 'forgiven' });
    await relay.cut();
    await deliverJoin(webhook, room, 'forgiven');
    expect(await pendingIn(room)).toHaveLength(1);
    await relay.restore();

    expect(await setRoomAccessMode({ room, mode: 'open' })).toMatchObject({ ok: true });
    await retryDueEjections(later());
    expect(await pendingIn(room)).toEqual([]);
    expect(forgiven.connected).toBe(true);
    expect((await queryAudit(await database(), { room, action: 'access.lockedEject' })).rows).toHaveLength(1);
  });
});
