import { describe, expect, it } from 'vitest';
import { ownAttributes } from '@/components/room/participants/shown-attributes';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { UNMUTE_REPLY_ATTRIBUTE } from '@/lib/unmute-requests/shared';

describe('the attributes a participant row shows raw', () => {
  it('leaves a readable hand and the unmute reply to their badges and keeps the participant\'s own', () => {
    const shown = ownAttributes({
      [HAND_ATTRIBUTE]: '2026-12-02T06:00:00.000Z',
      [UNMUTE_REPLY_ATTRIBUTE]: '{"track":"TR_x","answer":"accepted"}',
      team: 'blue',
    });
    expect(shown).toEqual([['team', 'blue']]);
  });

  it('shows a hand value the badge cannot read, so nothing the participant set is hidden', () => {
    expect(ownAttributes({ [HAND_ATTRIBUTE]: 'yes please' })).toEqual([[HAND_ATTRIBUTE, 'yes please']]);
  });
});
