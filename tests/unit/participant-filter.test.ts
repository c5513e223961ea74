import { describe, expect, it } from 'vitest';
import { HAND_ATTRIBUTE } from '@/lib/live/hand';
import { handQueue, NO_FILTER, selectParticipants } from '@/lib/live/participant-filter';
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
});
