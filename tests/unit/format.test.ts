import { describe, expect, it, vi } from 'vitest';
import { formatClock, formatDateTime, formatDayClock } from '@/lib/format';

// a local time, so the expectations hold in any time zone the tests run in
const at = new Date(2026, 11, 2, 9, 5, 7).getTime();

describe('dates written without Intl', () => {
  it('writes the time of day on a 24-hour clock, with seconds when asked', () => {
    expect(formatClock(at)).toBe('09:05');
    expect(formatClock(at, { seconds: true })).toBe('09:05:07');
    expect(formatClock(new Date(2026, 0, 1, 23, 59, 0).getTime())).toBe('23:59');
  });

  it('writes the day with the time, and a moment in full', () => {
    expect(formatDayClock(at)).toBe('2 Dec 09:05');
    expect(formatDateTime(at)).toBe('2 Dec 2026, 09:05:07');
  });

  it('reads an ISO string as the same moment as its epoch milliseconds', () => {
    expect(formatDateTime(new Date(at).toISOString())).toBe(formatDateTime(at));
  });

  it('creates no Intl formatter, neither when loaded nor when writing', async () => {
    const made: string[] = [];
    const original = { DateTimeFormat: Intl.DateTimeFormat, NumberFormat: Intl.NumberFormat };
    const spy = (name: keyof typeof original) =>
      new Proxy(original[name], { construct: (target, args) => (made.push(name), Reflect.construct(target, args)) });
    Object.assign(Intl, { DateTimeFormat: spy('DateTimeFormat'), NumberFormat: spy('NumberFormat') });
    try {
      vi.resetModules();
      const fresh = await import('@/lib/format');
      fresh.formatClock(at);
      fresh.formatDayClock(at);
      fresh.formatDateTime(at);
    } finally {
      Object.assign(Intl, original);
    }
    expect(made).toEqual([]);
  });
});
