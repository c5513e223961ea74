import { DisconnectReason } from '@livekit/rtc-node';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startLiveKitRelay } from '../helpers/livekit-relay';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

// the dashboard reaches LiveKit through a relay the tests can cut; the participants connect directly
const relay = await startLiveKitRelay(inject('livekit').url);
process.env.LIVEKIT_URL = relay.url;
const { banParticipant, liftBan, listBans } = await import('@/lib/bans/actions');
const { listRooms } = await import('@/lib/rooms/actions');
const { enforceBansContinuously, retryDueEjections, sweepBans } = await import('@/lib/bans/job');
const { database } = await import('@/lib/db');
const { queryAudit } = await import('@/lib/actions/audit-store');
const { allPendingEjections } = await import('@/lib/bans/store');

afterAll(() => relay.close());

const removed = (event: { data: Record<string, unknown> }) => event.data.reason === DisconnectReason.PARTICIPANT_REMOVED;
/** far enough ahead that every backoff has passed */
const later = () => new Date(Date.now() + 120_000);

async function pendingFor(identity: string) {
  const bans = await listBans();
  if (!bans.ok) throw new Error(bans.error.message);
  return bans.data.find((ban) => ban.identity === identity)?.pendingEjections;
}

describe('a failed eject', () => {
  it('waits as pending, shown with its tries and last error, is retried, and drops when it succeeds', async () => {
    const room = uniqueRoom();
    const stubborn = await joinParticipant({ room, identity: 'stubborn' });
    await relay.cut();

    const banned = await banParticipant({ room, identity: 'stubborn', reason: 'spam' });
    expect(banned).toMatchObject({ ok: true, data: { removed: false, ejectedFrom: [], pendingIn: [room] } });
    expect(await pendingFor('stubborn')).toEqual([
      { room, attempts: 1, lastError: expect.stringMatching(/^Cannot reach LiveKit at /), nextAttemptAt: expect.any(String) },
    ]);

    expect(await retryDueEjections(later())).toBe(1);
    expect(await pendingFor('stubborn')).toMatchObject([{ room, attempts: 2 }]);
    expect(stubborn.connected).toBe(true);

    await relay.restore();
    expect(await retryDueEjections(later())).toBe(1);
    expect(removed(await stubborn.waitFor('disconnected'))).toBe(true);
    expect(await pendingFor('stubborn')).toEqual([]);
    expect(await retryDueEjections(later())).toBe(0);

    // every try is in the audit log: the ban, the moderator's failed eject, a failed retry, the retry that worked
    const { rows } = await queryAudit(await database(), { room, target: 'stubborn' });
    expect(rows.map((row) => [row.action, row.outcome, (row.input as { cause?: string }).cause]).sort()).toEqual([
      ['bans.autoEject', 'error', 'retry'],
      ['bans.autoEject', 'ok', 'retry'],
      ['bans.create', 'ok', undefined],
      ['bans.eject', 'error', 'ban'],
    ]);
  });

  it('is dropped when its ban is lifted, and not tried again', async () => {
    const room = uniqueRoom();
    const forgiven = await joinParticipant({ room, identity: 'forgiven' });
    await relay.cut();
    const banned = await banParticipant({ room, identity: 'forgiven' });
    if (!banned.ok) throw new Error(banned.error.message);
    expect(banned.data.pendingIn).toEqual([room]);

    expect(await liftBan({ id: banned.data.ban.id })).toMatchObject({ ok: true });
    expect((await allPendingEjections(await database())).filter((row) => row.identity === 'forgiven')).toEqual([]);
    await relay.restore();
    await retryDueEjections(later());
    expect(forgiven.connected).toBe(true);
  });
});

describe('after LiveKit answers again', () => {
  it('a sweep removes a banned identity that joined while the dashboard could not reach LiveKit', async () => {
    enforceBansContinuously({ sweepEveryMs: 3_600_000, retryEveryMs: 3_600_000 });
    // the sweep at start has finished once one of ours runs
    await eventually(() => sweepBans(), (report) => report !== null);
    const room = uniqueRoom();
    expect(await banParticipant({ room, identity: 'ghost', scope: 'everywhere' })).toMatchObject({ ok: true, data: { ejectedFrom: [] } });

    await relay.cut();
    expect(await listRooms()).toMatchObject({ ok: false, error: { code: 'unreachable' } });
    const ghost = await joinParticipant({ room, identity: 'ghost' });
    await relay.restore();
    expect(ghost.connected).toBe(true);

    expect(await listRooms()).toMatchObject({ ok: true });
    expect(removed(await ghost.waitFor('disconnected'))).toBe(true);
    // the row is written as pending before the eject and completed once LiveKit has answered it, which
    // may be after the participant heard of it
    const { rows } = await eventually(
      async () => queryAudit(await database(), { room, action: 'bans.autoEject' }),
      ({ rows }) => rows.length > 0 && rows.every((row) => row.outcome !== 'pending'),
    );
    expect(rows).toMatchObject([{ targetIdentity: 'ghost', outcome: 'ok', input: { cause: 'sweep' } }]);
  });
});
