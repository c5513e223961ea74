import { DisconnectReason } from '@livekit/rtc-node';
import { describe, expect, it } from 'vitest';
import { POST as webhook } from '@/app/api/livekit/webhook/route';
import { setRoomAccessMode } from '@/lib/access/actions';
import { setRoomAccess } from '@/lib/access/service';
import { sweepLockedRooms } from '@/lib/access/job';
import { database } from '@/lib/db';
import { listParticipants } from '@/lib/livekit';
import { queryAudit } from '@/lib/actions/audit-store';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { deliverJoin } from '../helpers/signed-webhook';

async function sweepCauses(room: string) {
  const { rows } = await queryAudit(await database(), { room, action: 'access.lockedEject' });
  return rows.map((row) => [row.targetIdentity, row.outcome, (row.input as { cause?: string }).cause]);
}

describe('the locked-room sweep', () => {
  it('removes a newcomer whose join webhook never came; those present when it was locked stay', async () => {
    const room = uniqueRoom('lock-sweep');
    const host = await joinParticipant({ room, identity: 'host' });
    expect(await setRoomAccessMode({ room, mode: 'locked' })).toMatchObject({ ok: true });
    const latecomer = await joinParticipant({ room, identity: 'latecomer' });

    expect(await sweepLockedRooms()).toMatchObject({ ejected: 1 });
    expect((await latecomer.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    expect(host.connected).toBe(true);
    expect(await sweepCauses(room)).toEqual([['latecomer', 'ok', 'sweep']]);
  });

  it('removes someone who joined while the room was being locked: their webhook found it open, the lock\'s listing missed them', async () => {
    const room = uniqueRoom('lock-race');
    const host = await joinParticipant({ room, identity: 'host' });
    const between = await joinParticipant({ room, identity: 'between' });
    // the join webhook is handled before the lock is written: the room is still open
    expect(await deliverJoin(webhook, room, 'between')).toMatchObject({ status: 200, body: { received: 'participant_joined' } });
    // the lock lists the room before `between` joined (LiveKit's answer a moment earlier)
    expect(await setRoomAccess(room, 'locked', null, { present: ['host'] })).toMatchObject({ mode: 'locked', admittedPresent: ['host'] });
    expect(between.connected).toBe(true);

    expect(await sweepLockedRooms()).toMatchObject({ ejected: 1 });
    expect((await between.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    expect(host.connected).toBe(true);
    expect(await sweepCauses(room)).toEqual([['between', 'ok', 'sweep']]);
  });

  it('admits whoever joined the open room a moment before the lock, though the listing of that moment missed them', async () => {
    const room = uniqueRoom('lock-fresh');
    const host = await joinParticipant({ room, identity: 'host' });
    // a preview of the same second: the shared listing, without the guest
    expect((await listParticipants(room)).map(({ identity }) => identity)).toEqual(['host']);
    const guest = await joinParticipant({ room, identity: 'guest' });
    const change = await setRoomAccess(room, 'locked', null);
    expect([...change.admittedPresent].sort()).toEqual(['guest', 'host']);
    expect(await sweepLockedRooms()).toMatchObject({ ejected: 0 });
    expect(guest.connected && host.connected).toBe(true);
  });

  it('leaves open rooms and admitted participants alone, and calls nothing when no room is locked', async () => {
    const room = uniqueRoom('lock-open');
    const guest = await joinParticipant({ room, identity: 'guest' });
    expect(await setRoomAccessMode({ room, mode: 'locked' })).toMatchObject({ ok: true });
    expect(await setRoomAccessMode({ room, mode: 'open' })).toMatchObject({ ok: true });
    const later = await joinParticipant({ room, identity: 'later' });
    await sweepLockedRooms();
    expect(guest.connected && later.connected).toBe(true);
    expect(await sweepCauses(room)).toEqual([]);
  });
});
