import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { recordHands } from '@/lib/hands/actions';
import { database, handsSeen } from '@/lib/db';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { pruneHandsOfEndedRooms, recordHandsSeen } from '@/lib/hands/store';
import { listRooms } from '@/lib/livekit';
import { actAs, actorWith } from '../helpers/actors';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A real participant whose raise-hand attribute holds `value`. */
async function withHand(room: string, identity: string, value: string) {
  return joinParticipant({ room, identity, attributes: { [HAND_ATTRIBUTE]: value } });
}

async function setHand(room: string, identity: string, value: string) {
  await directRoomService().updateParticipant(room, identity, { attributes: { [HAND_ATTRIBUTE]: value } });
  await eventually(
    async () => (await directRoomService().getParticipant(room, identity)).attributes[HAND_ATTRIBUTE] ?? '',
    (seen) => seen === value,
  );
}

async function rowsOf(room: string) {
  const rows = await (await database()).select().from(handsSeen).where(inArray(handsSeen.room, [room]));
  return new Map(rows.map((row) => [row.identity, { value: row.raisedValue, at: row.firstSeenAt.getTime() }]));
}

describe('hands first seen (the raise-hand queue order)', () => {
  it('keeps the first-seen time of a hand, starts again for a new value, forgets a lowered one', async () => {
    const room = uniqueRoom();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const earlyValue = new Date().toISOString();
    await withHand(room, 'early', earlyValue);
    await withHand(room, 'backdated', hourAgo);
    const first = await recordHands({ room, raised: [{ identity: 'early', value: earlyValue }], lowered: [] });
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
    await setHand(room, 'early', '');
    await recordHands({ room, raised: [], lowered: [{ identity: 'early', value: early.value }] });
    expect((await rowsOf(room)).has('early')).toBe(false);
    await pause(20);
    await setHand(room, 'early', early.value);
    const raisedAgain = await recordHands({ room, raised: [{ identity: 'early', value: early.value }], lowered: [] });
    if (!raisedAgain.ok) throw new Error(raisedAgain.error.message);
    expect(raisedAgain.data[0]!.firstSeenAt).toBeGreaterThan(second.data[0]!.firstSeenAt);
  });

  it('refuses bad input', async () => {
    const room = uniqueRoom();
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({ identity: `p${i}`, value: 'x' }));
    expect(await recordHands({ room, raised: tooMany, lowered: [] })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });

  it('refuses a viewer', async () => {
    const room = uniqueRoom();
    const value = new Date().toISOString();
    await withHand(room, 'a', value);
    actAs(actorWith('viewer'));
    expect(await recordHands({ room, raised: [{ identity: 'a', value }], lowered: [] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect((await rowsOf(room)).size).toBe(0);
  });

  it('records only the items LiveKit confirms: not an identity absent from the room, nor a value that is not the hand', async () => {
    const room = uniqueRoom();
    const value = new Date().toISOString();
    await withHand(room, 'real', value);
    await withHand(room, 'other', value);
    const result = await recordHands({
      room,
      raised: [
        { identity: 'real', value },
        { identity: 'ghost', value },
        { identity: 'other', value: 'a text of my choosing' },
      ],
      lowered: [],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.map((hand) => hand.identity)).toEqual(['real']);
    expect([...(await rowsOf(room)).keys()]).toEqual(['real']);

    // a lowered report for a hand LiveKit still shows raised forgets nothing
    await recordHands({ room, raised: [], lowered: [{ identity: 'real', value }] });
    expect((await rowsOf(room)).has('real')).toBe(true);
  });

  it('drops an over-long value, records the rest of the batch', async () => {
    const room = uniqueRoom();
    const value = new Date().toISOString();
    await withHand(room, 'good', value);
    await withHand(room, 'long', 'x'.repeat(300));
    const result = await recordHands({
      room,
      raised: [
        { identity: 'good', value },
        { identity: 'long', value: 'x'.repeat(300) },
      ],
      lowered: [],
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.map((hand) => hand.identity)).toEqual(['good']);
    expect([...(await rowsOf(room)).keys()]).toEqual(['good']);
  });

  it('a stale tab re-reporting an earlier raise keeps the first-seen time of the current one', async () => {
    const room = uniqueRoom();
    const before = new Date(Date.now() - 60_000).toISOString();
    const now = new Date().toISOString();
    await withHand(room, 'a', now);
    const first = await recordHands({ room, raised: [{ identity: 'a', value: now }], lowered: [] });
    if (!first.ok) throw new Error(first.error.message);
    await pause(20);
    await recordHands({ room, raised: [{ identity: 'a', value: before }], lowered: [] });
    await recordHands({ room, raised: [], lowered: [{ identity: 'a', value: before }] });
    const again = await recordHands({ room, raised: [{ identity: 'a', value: now }], lowered: [] });
    if (!again.ok) throw new Error(again.error.message);
    expect(again.data[0]!.firstSeenAt).toBe(first.data[0]!.firstSeenAt);
    expect((await rowsOf(room)).get('a')).toEqual({ value: now, at: first.data[0]!.firstSeenAt });
  });

  it('forgets the hands of a room that has ended, keeps those of a live room', async () => {
    const ended = uniqueRoom('ended');
    const live = uniqueRoom('live');
    await directRoomService().createRoom({ name: live, emptyTimeout: 60 });
    const value = new Date().toISOString();
    await withHand(live, 'a', value);
    const raised = [{ identity: 'a', value }];
    // a room that has ended cannot be reported through the action (LiveKit lists no one): its row is left from when it was live
    await recordHandsSeen(await database(), ended, raised, []);
    await recordHands({ room: live, raised, lowered: [] });
    const liveRooms = (await listRooms()).map((room) => room.name);
    expect(liveRooms).toContain(live);
    // "before" in the future: both rows qualify by age, only the ended room's by liveness
    expect(await pruneHandsOfEndedRooms(await database(), liveRooms, new Date(Date.now() + 60_000))).toBeGreaterThanOrEqual(1);
    const rows = await (await database()).select({ room: handsSeen.room }).from(handsSeen).where(inArray(handsSeen.room, [ended, live]));
    expect(rows.map((row) => row.room)).toEqual([live]);
  });
});
