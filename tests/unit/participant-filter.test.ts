import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { handQueue, NO_FILTER, searchParticipants, selectParticipants } from '@/lib/participants/filter-shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { participantView } from '../helpers/participant-view';

const participant = participantView;

const speaker = (identity: string, joinedAt: number) =>
  participant(identity, {
    joinedAt,
    permission: { ...participant('x').permission, canPublish: true },
    tracks: [{ sid: `TR_${identity}`, name: 'mic', kind: 'audio', source: 'microphone', muted: identity === 'muted', mimeType: '' }],
  });

const list = [
  participant('zoe', { joinedAt: 3, name: 'Zoe', metadata: '{"city":"Oslo"}' }),
  speaker('muted', 5),
  participant('amy', { joinedAt: 1, name: 'amy', attributes: { [HAND_ATTRIBUTE]: '2026-01-01T00:00:10Z' } }),
  speaker('sam', 4),
  participant('bob', { joinedAt: 2, name: 'Bob', attributes: { [HAND_ATTRIBUTE]: '2026-01-01T00:00:05Z' } }),
  participant('stagekeeper-observer-1', { permission: { ...participant('x').permission, hidden: true } }),
];
const ids = (rows: ParticipantView[]) => rows.map((p) => p.identity);

describe('selectParticipants', () => {
  it('puts the stage first, then everyone in join order, and leaves out observers and oneself', () => {
    expect(ids(selectParticipants(list, NO_FILTER, 'zoe'))).toEqual(['sam', 'muted', 'amy', 'bob']);
  });

  it('shows hidden participants when asked', () => {
    expect(ids(selectParticipants(list, { ...NO_FILTER, showHidden: true }, null))).toContain('stagekeeper-observer-1');
  });

  it('searches identity, name and metadata, case-insensitively', () => {
    expect(ids(selectParticipants(list, { ...NO_FILTER, search: 'OSLO' }, null))).toEqual(['zoe']);
    expect(ids(selectParticipants(list, { ...NO_FILTER, search: 'bo' }, null))).toEqual(['bob']);
  });

  it('filters by role, raised hand, publishing and muted', () => {
    expect(ids(selectParticipants(list, { ...NO_FILTER, role: 'stage' }, null))).toEqual(['sam', 'muted']);
    expect(ids(selectParticipants(list, { ...NO_FILTER, role: 'audience' }, null))).toEqual(['amy', 'bob', 'zoe']);
    expect(ids(selectParticipants(list, { ...NO_FILTER, handRaised: true }, null))).toEqual(['amy', 'bob']);
    expect(ids(selectParticipants(list, { ...NO_FILTER, publishing: true }, null))).toEqual(['sam', 'muted']);
    expect(ids(selectParticipants(list, { ...NO_FILTER, muted: true }, null))).toEqual(['muted']);
  });

  it('sorts by join time or by name', () => {
    expect(ids(selectParticipants(list, { ...NO_FILTER, sort: 'joined' }, null))).toEqual(['amy', 'bob', 'zoe', 'sam', 'muted']);
    expect(ids(selectParticipants(list, { ...NO_FILTER, sort: 'name' }, null))).toEqual(['amy', 'bob', 'muted', 'sam', 'zoe']);
  });
});

describe('handQueue', () => {
  it('orders raised hands by the time they went up and ignores bad timestamps', () => {
    const withBad = [...list, participant('bad', { attributes: { [HAND_ATTRIBUTE]: 'soon' } })];
    expect(handQueue(withBad).map((entry) => entry.participant.identity)).toEqual(['bob', 'amy']);
  });

  it('orders by when the dashboard first saw each hand, not by the time written', () => {
    const seen: Record<string, number> = { amy: 1_000, bob: 2_000 };
    const queue = handQueue(list, (identity) => seen[identity]);
    expect(queue.map((entry) => entry.participant.identity)).toEqual(['amy', 'bob']);
    expect(queue.map((entry) => entry.raisedAt)).toEqual([1_000, 2_000]);
  });
});

describe('searchParticipants, which reuses earlier results over the same list', () => {
  const scan = (rows: ParticipantView[], text: string) =>
    rows.filter((p) => `${p.identity}\n${p.name}\n${p.metadata}`.toLowerCase().includes(text.trim().toLowerCase()));

  it('gives what a full scan gives, for any sequence of searches over one list', () => {
    const letters = fc.constantFrom('a', 'b', 'o', 'l', '1', '2', ' ', 'A');
    fc.assert(
      fc.property(
        fc.array(fc.record({ identity: fc.stringMatching(/^[ab1]{1,4}$/), name: fc.array(letters, { maxLength: 6 }).map((c) => c.join('')) }), { maxLength: 40 }),
        fc.array(fc.array(letters, { maxLength: 5 }).map((c) => c.join('')), { minLength: 1, maxLength: 12 }),
        (people, searches) => {
          const rows = people.map(({ identity, name }, index) => participant(`${identity}-${index}`, { name }));
          for (const search of searches) expect(ids(searchParticipants(rows, search))).toEqual(ids(scan(rows, search)));
        },
      ),
    );
  });

  it('narrows while typing and finds the earlier result again on delete', () => {
    const rows = Array.from({ length: 300 }, (_, index) => participant(`listener-${index}`, { name: `Listener ${index}` }));
    const typed = ['l', 'li', 'listener 1', 'listener 12', 'listener 1', 'listener', ''];
    const results = typed.map((text) => searchParticipants(rows, text));
    expect(results.map((found) => found.length)).toEqual([300, 300, 111, 11, 111, 300, 300]);
    expect(results[4]).toBe(results[2]);
    expect(ids(results[3]!)).toEqual(ids(scan(rows, 'listener 12')));
  });

  it('does not carry results over to another list', () => {
    const before = [participant('amy'), participant('bob')];
    expect(ids(searchParticipants(before, 'amy'))).toEqual(['amy']);
    const after = [participant('amy2'), participant('amy')];
    expect(ids(searchParticipants(after, 'amy'))).toEqual(['amy2', 'amy']);
  });
});
