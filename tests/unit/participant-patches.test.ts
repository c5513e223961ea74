import { describe, expect, it } from 'vitest';
import { applyParticipantPatches } from '@/lib/live/participant-patches';
import type { ParticipantView } from '@/lib/livekit/types';
import { participantView } from '../helpers/participant-view';

const participant = participantView;

const track = { sid: 'TR_a', name: 'mic', kind: 'audio', source: 'microphone', muted: false, mimeType: '' } as const;

describe('applyParticipantPatches', () => {
  it('returns the same list when there is nothing to apply', () => {
    const list = [participant('a')];
    expect(applyParticipantPatches(list, [])).toBe(list);
  });

  it('appends new participants, replaces known ones in place, and removes the gone', () => {
    const a = participant('a');
    const b = participant('b');
    const next = applyParticipantPatches(
      [a, b],
      [
        { type: 'upsert', participant: participant('c') },
        { type: 'upsert', participant: participant('a', { name: 'A!' }) },
        { type: 'remove', identity: 'b' },
      ],
    );
    expect(next.map((p) => [p.identity, p.name])).toEqual([
      ['a', 'A!'],
      ['c', 'c'],
    ]);
  });

  it('keeps untouched rows as the same objects', () => {
    const a = participant('a');
    const b = participant('b');
    const next = applyParticipantPatches([a, b], [{ type: 'update', identity: 'b', changes: { metadata: 'x' } }]);
    expect(next[0]).toBe(a);
    expect(next[1]).not.toBe(b);
    expect(next[1]?.metadata).toBe('x');
  });

  it('adds, updates and removes tracks', () => {
    let list = [participant('a')];
    list = applyParticipantPatches(list, [{ type: 'track', identity: 'a', track }]);
    expect(list[0]).toMatchObject({ isPublisher: true, tracks: [track] });
    list = applyParticipantPatches(list, [{ type: 'track', identity: 'a', track: { ...track, muted: true } }]);
    expect(list[0]?.tracks).toEqual([{ ...track, muted: true }]);
    list = applyParticipantPatches(list, [{ type: 'trackRemoved', identity: 'a', trackSid: 'TR_a' }]);
    expect(list[0]).toMatchObject({ isPublisher: false, tracks: [] });
  });

  it('ignores patches for participants it does not know, and a leave then rejoin in one batch keeps the rejoin', () => {
    const list = [participant('a')];
    expect(applyParticipantPatches(list, [{ type: 'update', identity: 'zz', changes: { name: 'x' } }])).toEqual(list);
    const next = applyParticipantPatches(list, [
      { type: 'remove', identity: 'a' },
      { type: 'upsert', participant: participant('a', { sid: 'PA_new' }) },
    ]);
    expect(next.map((p) => p.sid)).toEqual(['PA_new']);
  });
});

describe('applyParticipantPatches, large and small batches', () => {
  it('gives the same list whether a batch is applied at once or patch by patch', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const identities = Array.from({ length: 30 }, (_, i) => `p${i}`);
    const pick = () => identities[Math.floor(random() * identities.length)]!;
    for (let round = 0; round < 50; round += 1) {
      const start = identities.slice(0, 15).map((identity) => participant(identity));
      const batch = Array.from({ length: 5 + Math.floor(random() * 40) }, () => {
        const roll = random();
        if (roll < 0.3) return { type: 'upsert' as const, participant: participant(pick(), { name: `n${round}` }) };
        if (roll < 0.5) return { type: 'remove' as const, identity: pick() };
        if (roll < 0.75) return { type: 'update' as const, identity: pick(), changes: { metadata: `m${roll}` } };
        if (roll < 0.9) return { type: 'track' as const, identity: pick(), track: { ...track, muted: roll > 0.8 } };
        return { type: 'trackRemoved' as const, identity: pick(), trackSid: 'TR_a' };
      });
      const oneByOne = batch.reduce((list, patch) => applyParticipantPatches(list, [patch]), start);
      expect(applyParticipantPatches(start, batch)).toEqual(oneByOne);
    }
  });
});
