import { describe, expect, it } from 'vitest';
import { recordHands } from '@/lib/actions/observer';
import { uniqueRoom } from '../helpers/participants';

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
});
