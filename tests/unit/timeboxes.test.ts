import { describe, expect, it } from 'vitest';
import { customSlot } from '@/components/room/timeboxes/slot-picker';
import { participantRef } from '@/lib/actions/schemas';
import { formatRemaining, warningNotice } from '@/lib/timeboxes/shared';
import { slotSeconds } from '@/lib/timeboxes/schema';

describe('time-box slots', () => {
  it('a custom slot is typed in minutes and bounded to 30 s … 3 h', () => {
    expect(customSlot('1.5')).toEqual({ seconds: 90, error: null });
    expect(customSlot('2,5')).toEqual({ seconds: 150, error: null });
    expect(customSlot('0.25').error).toBe('A slot is 0.5 to 180 minutes');
    expect(customSlot('181').error).toBe('A slot is 0.5 to 180 minutes');
    expect(customSlot('soon').error).toMatch(/in minutes/);
    expect(customSlot('').seconds).toBeUndefined();
  });

  it('the action schema refuses what the picker refuses, and unknown keys still', () => {
    const promote = participantRef.extend({ slotSeconds: slotSeconds.optional() });
    expect(promote.safeParse({ room: 'r', identity: 'a', slotSeconds: 60 }).success).toBe(true);
    expect(promote.safeParse({ room: 'r', identity: 'a' }).success).toBe(true);
    expect(promote.safeParse({ room: 'r', identity: 'a', slotSeconds: 29 }).success).toBe(false);
    expect(promote.safeParse({ room: 'r', identity: 'a', slotSeconds: 1.5 }).success).toBe(false);
    expect(promote.safeParse({ room: 'r', identity: 'a', slotSeconds: 10_801 }).success).toBe(false);
    expect(promote.safeParse({ room: 'r', identity: 'a', extra: 1 }).success).toBe(false);
  });

  it('the countdown and the warning read as people say them', () => {
    expect(formatRemaining(61_000)).toBe('1:01');
    expect(formatRemaining(400)).toBe('0:01');
    expect(formatRemaining(-5)).toBe('0:00');
    expect(formatRemaining(3_725_000)).toBe('1:02:05');
    const end = Date.parse('2026-11-26T16:00:30.000Z');
    expect(warningNotice(end, end - 30_000)).toEqual({
      text: 'Your speaking slot ends in 30 seconds',
      sentAt: '2026-11-26T16:00:00.000Z',
      timebox: { endsAt: '2026-11-26T16:00:30.000Z' },
    });
  });
});
