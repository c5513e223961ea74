import { DisconnectReason } from '@livekit/rtc-node';
import { afterAll, describe, expect, it } from 'vitest';
import { startLiveKitCounter } from '../helpers/livekit-counter';
import { deliverJoin } from '../helpers/signed-webhook';
import { eventually, joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

// the dashboard talks to the real LiveKit through a proxy that counts its calls per room; this file
// receives no webhooks of its own (as when LiveKit drops them), except the one join it hands over
const counter = await startLiveKitCounter(testServer().url);
process.env.LIVEKIT_URL = counter.url;
const { sweepBans } = await import('@/lib/bans/job');
const { sweepLockedRooms } = await import('@/lib/access/job');
const { sampleAllRooms, QUIET_SAMPLE_EVERY_MS } = await import('@/lib/activity/job');
const { banParticipant } = await import('@/lib/bans/actions');
const { setRoomAccessMode } = await import('@/lib/access/actions');
const { RoomChecks } = await import('@/lib/room-checks');
const { LISTING_SHARED_MS } = await import('@/lib/livekit/shared-listing');
const { POST: webhook } = await import('@/app/api/livekit/webhook/route');

afterAll(() => counter.close());

const INTERVALS = 5;
/**
 * The intervals are run back to back on a clock that stands still: the safety net's turn (once per
 * ten minutes for each room, lib/room-checks) cannot fall inside them, whatever the moment of the run.
 */
const frozen = Date.now();
const stillClock = () => frozen;

/** What the background work asked LiveKit about this one room (ListRooms is one call for every room: not counted here). */
const perRoomCalls = (room: string) => counter.callsFor(room);

async function quietRoom(prefix: string) {
  const room = uniqueRoom(prefix);
  const host = await joinParticipant({ room, identity: 'host' });
  const guest = await joinParticipant({ room, identity: 'guest' });
  return { room, host, guest };
}

describe('a quiet room costs nothing between its safety-net intervals', () => {
  it('banned and locked, with participants: after the first look, several sweep and sampler intervals list it never', async () => {
    const { room, host, guest } = await quietRoom('quiet');
    // a ban that applies to this room, of someone not in it, and the room locked with those present
    expect(await banParticipant({ room, identity: 'troll' })).toMatchObject({ ok: true });
    expect(await setRoomAccessMode({ room, mode: 'locked' })).toMatchObject({ ok: true });
    const bans = new RoomChecks(undefined, stillClock);
    const locks = new RoomChecks(undefined, stillClock);
    // a replica that has just started looks once at every room that needs it
    await sweepBans(bans);
    await sweepLockedRooms(locks);
    await sampleAllRooms({ quietAfterMs: QUIET_SAMPLE_EVERY_MS, now: stillClock });
    counter.reset();

    for (let interval = 0; interval < INTERVALS; interval += 1) {
      expect(await sweepBans(bans)).toMatchObject({ rooms: 1, quietRooms: 1 });
      expect(await sweepLockedRooms(locks)).toMatchObject({ liveRooms: 1, quietRooms: 1 });
      const sample = await sampleAllRooms({ quietAfterMs: QUIET_SAMPLE_EVERY_MS, now: stillClock });
      expect(sample!.quiet).toBeGreaterThanOrEqual(1);
    }
    expect(perRoomCalls(room)).toEqual({});
    // one listing of the banned and of the locked rooms per sweep, one of every room per sample (other
    // files' rooms on the same server may be sampled meanwhile: they are new to this file's samples)
    expect(counter.calls().ListRooms).toBe(3 * INTERVALS);
    expect(host.connected && guest.connected).toBe(true);
  }, 60_000);

  it('a join whose webhook arrived makes the room due at the next sweep, once', async () => {
    const { room } = await quietRoom('quiet-join');
    expect(await banParticipant({ room, identity: 'troll' })).toMatchObject({ ok: true });
    const bans = new RoomChecks(undefined, stillClock);
    await sweepBans(bans);
    counter.reset();
    await sweepBans(bans);
    expect(perRoomCalls(room)).toEqual({});

    await joinParticipant({ room, identity: 'latecomer' });
    // the join's webhook, as LiveKit sends it to whichever replica: recorded, nobody ejected
    counter.reset();
    expect(await deliverJoin(webhook, room, 'latecomer')).toMatchObject({ status: 200 });
    // the join's own cost, not the sweep's: its webhook samples the room's activity
    await eventually(async () => perRoomCalls(room), (calls) => calls.ListParticipants === 1);
    // and is shared for a moment (lib/livekit/shared-listing): past it, the sweep must ask itself
    await new Promise((resolve) => setTimeout(resolve, LISTING_SHARED_MS + 100));
    counter.reset();
    await sweepBans(bans);
    expect(perRoomCalls(room)).toEqual({ ListParticipants: 1 });
    counter.reset();
    await sweepBans(bans);
    await sweepBans(bans);
    expect(perRoomCalls(room)).toEqual({});
  });

  it('the safety net still works: a banned identity whose join webhook never came is swept once the net comes round', async () => {
    const { room, host } = await quietRoom('quiet-net');
    expect(await banParticipant({ room, identity: 'troll' })).toMatchObject({ ok: true });
    // a short net, so the test need not wait ten minutes; the loop's default is SAFETY_NET_MS
    const bans = new RoomChecks(1_500);
    await sweepBans(bans);
    counter.reset();

    const troll = await joinParticipant({ room, identity: 'troll' });
    // no webhook: until the net comes round the room is quiet to the sweep
    expect(await sweepBans(bans)).toMatchObject({ ejected: 0 });
    expect(perRoomCalls(room)).toEqual({});
    expect(troll.connected).toBe(true);
    const report = await eventually(
      () => sweepBans(bans),
      (swept) => swept !== null && swept.ejected === 1,
      { intervalMs: 250 },
    );
    expect(perRoomCalls(room)).toMatchObject({ ListParticipants: 1 });
    expect((await troll.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    expect(host.connected).toBe(true);
  });

  it('two replicas (their own checks, one database): a room one of them swept is quiet to the other, until LiveKit answers it again', async () => {
    const { room } = await quietRoom('quiet-replicas');
    expect(await banParticipant({ room, identity: 'troll' })).toMatchObject({ ok: true });
    expect(await setRoomAccessMode({ room, mode: 'locked' })).toMatchObject({ ok: true });
    const replicaChecks = () => ({ bans: new RoomChecks(undefined, stillClock), locks: new RoomChecks(undefined, stillClock) });
    const here = replicaChecks();
    const there = replicaChecks();
    await sweepBans(here.bans);
    await sweepLockedRooms(here.locks);
    // past the replica's own shared listing: only the database can spare the other replica its listing
    await new Promise((resolve) => setTimeout(resolve, LISTING_SHARED_MS + 100));
    counter.reset();
    // (the earlier tests' rooms may still be live: only this room's calls count)
    expect(await sweepBans(there.bans)).not.toBeNull();
    expect(await sweepLockedRooms(there.locks)).not.toBeNull();
    expect(perRoomCalls(room)).toEqual({});

    // LiveKit answers that replica again after an outage: webhooks may be lost, it looks itself
    there.bans.forgetAll();
    await sweepBans(there.bans);
    expect(perRoomCalls(room)).toEqual({ ListParticipants: 1 });
  });

  it('a full sweep (no checks: called directly, as the tests and the reconnect do) still lists every banned room', async () => {
    const { room } = await quietRoom('quiet-full');
    expect(await banParticipant({ room, identity: 'troll' })).toMatchObject({ ok: true });
    counter.reset();
    await sweepBans();
    expect(perRoomCalls(room)).toEqual({ ListParticipants: 1 });
  });
});
