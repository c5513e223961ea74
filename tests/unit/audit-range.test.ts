import { describe, expect, it } from 'vitest';
import { auditFilterFrom, auditQueryString, utcMinute } from '@/lib/audit/filter-service';

describe('the Audit page time range', () => {
  it('reads a datetime-local value as UTC, an ISO time as written, and ignores anything else', () => {
    const { filter } = auditFilterFrom({ from: '2026-11-26T15:04', to: '2026-11-26T16:00:00.000Z' });
    expect(filter.from?.toISOString()).toBe('2026-11-26T15:04:00.000Z');
    expect(filter.to?.toISOString()).toBe('2026-11-26T16:00:00.000Z');
    for (const bad of ['yesterday', '2026-13-40T99:99', "2026-11-26T15:04'; --", '']) {
      expect(auditFilterFrom({ from: bad }).filter.from).toBeUndefined();
    }
  });

  it('round-trips through the query string the export link and the pages use', () => {
    const { filter } = auditFilterFrom({ room: 'r', from: '2026-11-26T15:04' });
    expect(auditFilterFrom(Object.fromEntries(new URLSearchParams(auditQueryString(filter, 2)))).filter).toEqual(filter);
    expect(utcMinute(filter.from!)).toBe('2026-11-26T15:04');
  });
});
