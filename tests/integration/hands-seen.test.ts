import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordHands } from '@/lib/participants/observer-actions';
import { database, handsSeen } from '@/lib/db';
import { pruneHandsOfEndedRooms } from '@/lib/hands/store';
import { listRooms } from '@/lib/livekit';
import { directRoomService, uniqueRoom } from '../helpers/participants';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('hands first seen (the raise-hand queue order)', () => {
  it('keeps the first-seen time of a hand, starts again for a new value, forgets a lowered one', async () => {
    const room = uniqueRoom();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const first = await recordHands({ room, raised: [{ identity: 'early', value: new Date().toISOString() }], lowered: [] });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    const early = first.data[0]!;

    await pause(20);
    // a hand back-dated by an hour, seen after the first one: its first-seen time is now, not an hour ago
    const second = await recordHands({ room, raised: [{ identity: 'backdated', value: hourAgo }], lowered: [] });
    if (!second.ok) throw new Error(second.error.message);
    expect(second.data[0]!.firstSeenAt).toBeGreaterThan(early.firstSeenAt);

    // reported again with the same value (another tab, a reload): the time stands
    const again = await recordHands({ room, raised: [{ identity: 'early', value: early.value }], lowered: [] });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.data[0]!.firstSeenAt).toBe(early.firstSeenAt);

    // lowered, then raised with the same value: a new raise
    await recordHands({ room, raised: [], lowered: ['early'] });
    await pause(20);
    const raisedAgain = await recordHands({ room, raised: [{ identity: 'early', value: early.value }], lowered: [] });
    if (!raisedAgain.ok) throw new Error(raisedAgain.error.message);
    expect(raisedAgain.data[0]!.firstSeenAt).toBeGreaterThan(second.data[0]!.firstSeenAt);
  });

  it('refuses bad input', async () => {
    expect(await recordHands({ room: uniqueRoom(), raised: [{ identity: 'x', value: '' }], lowered: [] })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('forgets the hands of a room that has ended, keeps those of a live room', async () => {
    const ended = uniqueRoom('ended');
    const live = uniqueRoom('live');
    await directRoomService().createRoom({ name: live, emptyTimeout: 60 });
    const raised = [{ identity: 'a', value: new Date().toISOString() }];
    await recordHands({ room: ended, raised, lowered: [] });
    await recordHands({ room: live, raised, lowered: [] });
    const liveRooms = (await listRooms()).map((room) => room.name);
    expect(liveRooms).toContain(live);
    // "before" in the future: both rows qualify by age, only the ended room's by liveness
    expect(await pruneHandsOfEndedRooms(await database(), liveRooms, new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    const rows = await (await database()).select({ room: handsSeen.room }).from(handsSeen).where(inArray(handsSeen.room, [ended, live]));
    expect(rows.map((row) => row.room)).toEqual([live]);
  });
});
