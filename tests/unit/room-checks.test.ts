import { describe, expect, it } from 'vitest';
import { RoomChecks, safetyNetDue } from '@/lib/room-checks';
import { SharedListings } from '@/lib/livekit/shared-listing';

const MINUTE = 60_000;

describe('the safety net of quiet rooms', () => {
  it('turns once per interval per room, whatever the moment of the last listing', () => {
    const every = 10 * MINUTE;
    for (const room of ['a', 'b', 'stage-1']) {
      const turns = Array.from({ length: 60 }, (_, minute) => minute * MINUTE).filter((at) => safetyNetDue(room, at, at + MINUTE, every));
      expect(turns).toHaveLength(6);
    }
  });

  it('a room is due when never listed, after a change it did not cover, or when its net turns; not otherwise', () => {
    let now = 1_000_000_000;
    const checks = new RoomChecks(10 * MINUTE, () => now);
    expect(checks.due(['a', 'b'], new Map())).toEqual(['a', 'b']);
    checks.listed('a', now);
    checks.listed('b', now);
    now += 30_000;
    expect(checks.due(['a', 'b'], new Map())).toEqual([]);
    const joined = new Map([['b', new Date(now - 1_000)]]);
    expect(checks.due(['a', 'b'], joined)).toEqual(['b']);
    checks.listed('b', now);
    now += 30_000;
    // the same join, covered by that listing
    expect(checks.due(['a', 'b'], joined)).toEqual([]);
    const listings = Array.from({ length: 40 }, () => {
      now += 30_000;
      const due = checks.due(['a'], new Map());
      for (const room of due) checks.listed(room, now);
      return due.length;
    });
    // 20 minutes: the net turns twice
    expect(listings.reduce((a, b) => a + b, 0)).toBe(2);
    checks.forgetAll();
    expect(checks.due(['a'], new Map())).toEqual(['a']);
  });
});

describe('room checks shared between replicas', () => {
  it("a room another replica listed since is not due; the later listing wins; one from before forgetAll() counts for nothing", () => {
    let now = 1_000_000_000;
    const first = new RoomChecks(10 * MINUTE, () => now);
    const second = new RoomChecks(10 * MINUTE, () => now);
    expect(first.due(['a', 'b'], new Map())).toEqual(['a', 'b']);
    first.listed('a', now);
    now += 30_000;
    second.adopt(first.listings(['a', 'b']));
    // b was not listed by anyone: still due on the second replica
    expect(second.due(['a', 'b'], new Map())).toEqual(['b']);
    second.listed('b', now);

    // an older row never replaces a newer listing, and the join it covered stays covered
    const joined = new Map([['b', new Date(now - 1_000)]]);
    second.adopt([{ room: 'b', listedAt: now - 60_000, covered: 0 }]);
    now += 30_000;
    expect(second.due(['a', 'b'], joined)).toEqual(['b']);
    second.listed('b', now);
    first.adopt(second.listings(['a', 'b']));
    now += 30_000;
    expect(first.due(['a', 'b'], joined)).toEqual([]);

    first.forgetAll();
    first.adopt(second.listings(['a', 'b']));
    expect(first.due(['a', 'b'], new Map())).toEqual(['a', 'b']);
    // a listing made after the forget counts again
    now += 1;
    first.adopt([{ room: 'a', listedAt: now, covered: 0 }]);
    expect(first.due(['a', 'b'], new Map())).toEqual(['b']);
  });
});

describe('the shared listing', () => {
  it('one listing in flight serves every caller; a forget makes the next caller ask again', async () => {
    const listings = new SharedListings<number>(1_000);
    let asked = 0;
    const listNow = async () => (asked += 1);
    expect(await Promise.all([listings.list('r', listNow), listings.list('r', listNow), listings.list('r', listNow)])).toEqual([1, 1, 1]);
    expect(await listings.list('r', listNow)).toBe(1);
    // a write path never takes the answer that already came
    expect(await listings.list('r', listNow, { inFlightOnly: true })).toBe(2);
    listings.forget('r');
    expect(await listings.list('r', listNow)).toBe(3);
  });
});
