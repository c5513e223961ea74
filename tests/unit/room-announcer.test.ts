import { describe, expect, it } from 'vitest';
import { announcementFor } from '@/components/room/room-announcer';

const nameOf = (identity: string) => ({ ada: 'Ada', bob: 'Bob', kim: 'Kim' })[identity] ?? identity;
const seen = (hands: string[], knocking: string[], speaking: string[]) => ({ hands: new Set(hands), knocking: new Set(knocking), speaking: new Set(speaking) });

describe('what the room page announces to a screen reader', () => {
  it('says nothing on the first render: the page loading is not news', () => {
    expect(announcementFor(null, { hands: ['ada'], knocking: ['kim'], speaking: [], nameOf })).toBeNull();
  });

  it('names a new hand, a new knock and an ended slot, and nothing else', () => {
    const said = announcementFor(seen(['bob'], [], ['bob']), { hands: ['bob', 'ada'], knocking: ['kim'], speaking: [], nameOf });
    expect(said).toBe('Ada raised a hand. Kim knocked in the lobby. Speaking slot ended for Bob.');
  });

  it('stays quiet when only the order or the rest of a row changed', () => {
    expect(announcementFor(seen(['ada', 'bob'], ['kim'], []), { hands: ['bob', 'ada'], knocking: ['kim'], speaking: [], nameOf })).toBeNull();
  });

  it('sums up a burst instead of reading every name', () => {
    const said = announcementFor(seen([], [], []), { hands: ['ada', 'bob', 'kim', 'x'], knocking: [], speaking: [], nameOf });
    expect(said).toBe('Ada, Bob and 2 more raised hands.');
  });
});
