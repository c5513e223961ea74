import { describe, expect, it } from 'vitest';
import { SharedListings } from '@/lib/livekit/shared-listing';

describe('SharedListings', () => {
  it('answers a listing that came a moment ago, but not to a check of something seen after it was asked for', async () => {
    const listings = new SharedListings<number>(60_000);
    let asked = 0;
    const listNow = async () => (asked += 1);
    expect(await listings.list('room', listNow)).toBe(1);
    expect(await listings.list('room', listNow)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // a page saw a hand go up after listing 1 was asked for: only a newer listing can confirm it
    expect(await listings.list('room', listNow, { since: Date.now() })).toBe(2);
    // and that newer one serves the callers after it, including checks from before it was asked for
    expect(await listings.list('room', listNow, { since: Date.now() - 60_000 })).toBe(2);
    expect(asked).toBe(2);
  });
});
