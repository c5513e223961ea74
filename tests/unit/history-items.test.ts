import { describe, expect, it } from 'vitest';
import { handChange, participantChanges } from '@/lib/history/changes-shared';
import { compareNewestFirst, decodeCursor, encodeCursor } from '@/lib/history/cursor-shared';
import { auditHistoryItem } from '@/lib/history/items-shared';

const participant = (overrides: Record<string, unknown> = {}) => ({
  identity: 'ada',
  name: 'Ada',
  metadata: '',
  attributes: { city: 'Lagos' },
  permission: { canPublish: false, canPublishSources: [], hidden: false },
  tracks: [{ sid: 'TR_a', name: 'mic', muted: false }],
  ...overrides,
});

describe('participantChanges', () => {
  it('lists each changed permission field, attribute, name, metadata and track, and nothing unchanged', () => {
    const before = participant();
    const after = participant({
      name: 'Ada L.',
      attributes: { 'stagekeeper.hand': '2026-11-26T15:00:00Z' },
      permission: { canPublish: true, canPublishSources: ['microphone'], hidden: false },
      tracks: [{ sid: 'TR_a', name: 'mic', muted: true }],
    });
    expect(participantChanges(before, after)).toEqual([
      { field: 'name', before: 'Ada', after: 'Ada L.' },
      { field: 'attributes.city', before: 'Lagos', after: '—' },
      { field: 'attributes.stagekeeper.hand', before: '—', after: '2026-11-26T15:00:00Z' },
      { field: 'permission.canPublish', before: 'false', after: 'true' },
      { field: 'permission.canPublishSources', before: '[]', after: '["microphone"]' },
      { field: 'track mic', before: 'unmuted', after: 'muted' },
    ]);
    expect(participantChanges(before, participant())).toEqual([]);
  });

  it('is empty when a side is not a participant, and cuts long values', () => {
    expect(participantChanges(null, participant())).toEqual([]);
    expect(participantChanges({ unavailable: 'timeout' }, participant())).toEqual([]);
    const [change] = participantChanges(participant(), participant({ metadata: 'x'.repeat(5000) }));
    expect(change!.after).toHaveLength(200);
    expect(change!.after.endsWith('…')).toBe(true);
  });

  it('tells a hand raised or lowered from an attribute change', () => {
    expect(handChange({ set: { 'stagekeeper.hand': '2026-11-26T15:00:00Z' } })).toBe('raised');
    expect(handChange({ remove: ['stagekeeper.hand'] })).toBe('lowered');
    expect(handChange({ set: { city: 'Oslo' } })).toBeNull();
  });
});

describe('history cursor', () => {
  it('round-trips and refuses anything else', () => {
    const cursor = { micros: 1795706991097123n, rank: 3, id: 42 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    for (const forged of ['', '1.2', 'a.3.4', '1.3.4; drop', '1.33.4', `1.3.${'9'.repeat(19)}`]) expect(decodeCursor(forged)).toBeNull();
  });

  it('orders newest first by time, then source rank, then id', () => {
    const items = [
      { micros: 10n, rank: 2, id: 1 },
      { micros: 11n, rank: 0, id: 0 },
      { micros: 10n, rank: 3, id: 5 },
      { micros: 10n, rank: 3, id: 7 },
    ];
    expect(items.sort(compareNewestFirst)).toEqual([
      { micros: 11n, rank: 0, id: 0 },
      { micros: 10n, rank: 3, id: 7 },
      { micros: 10n, rank: 3, id: 5 },
      { micros: 10n, rank: 2, id: 1 },
    ]);
  });
});

describe('auditHistoryItem', () => {
  const row = { id: 9, at: new Date('2026-11-26T15:00:00Z'), actorEmail: 'mod@x', outcome: 'ok' as const, errorMessage: null, before: null, after: null };

  it('names the action, the moderator and what the input carried', () => {
    expect(auditHistoryItem({ ...row, action: 'notices.send', input: { text: 'Hi' } })).toMatchObject({
      key: 'audit:9',
      title: 'Notice sent',
      actor: 'mod@x',
      detail: 'Hi',
    });
    expect(auditHistoryItem({ ...row, action: 'participants.updateAttributes', input: { remove: ['stagekeeper.hand'] } }).title).toBe(
      'Hand lowered by a moderator',
    );
    expect(auditHistoryItem({ ...row, action: 'bans.autoEject', actorEmail: null, input: {} }).actor).toBe('system');
    expect(auditHistoryItem({ ...row, action: 'participants.remove', outcome: 'error', errorMessage: 'gone', input: {} })).toMatchObject({
      outcome: 'error',
      error: 'gone',
    });
  });
});
