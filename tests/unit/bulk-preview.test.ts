import { describe, expect, it } from 'vitest';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { describeChange, previewBulk, previewVersion } from '@/lib/bulk/shared';
import type { ParticipantView, PermissionView } from '@/lib/livekit/types';

const AUDIENCE: PermissionView = {
  canSubscribe: true,
  canPublish: false,
  canPublishData: true,
  canPublishSources: [],
  canUpdateMetadata: true,
  hidden: false,
};
const SPEAKER: PermissionView = { ...AUDIENCE, canPublish: true, canPublishSources: ['microphone', 'camera'] };
const HOST: PermissionView = { ...AUDIENCE, canPublish: true };

function person(identity: string, permission: PermissionView, extra: Partial<ParticipantView> = {}): ParticipantView {
  return {
    sid: `PA_${identity}`,
    identity,
    name: identity.toUpperCase(),
    state: 'active',
    kind: 'standard',
    joinedAt: 0,
    metadata: '',
    attributes: {},
    permission,
    tracks: [],
    isPublisher: false,
    ...extra,
  };
}

const mic = (sid: string, muted = false) => ({ sid, name: 'mic', kind: 'audio' as const, source: 'microphone' as const, muted, mimeType: '' });

describe('bulk previews', () => {
  const host = person('host', HOST, { tracks: [mic('TR_h')] });
  const speaker = person('s1', SPEAKER, { tracks: [mic('TR_a'), mic('TR_b', true)] });
  const hand = person('a1', AUDIENCE, { attributes: { [HAND_ATTRIBUTE]: '2026-11-26T10:00:00Z' } });
  const observer = person('stagekeeper-observer-x', { ...AUDIENCE, hidden: true });

  it('lists who the incident affects and how, leaving hosts and observers out', () => {
    const preview = previewBulk('incident', [host, speaker, hand, observer]);
    expect(preview.targets.map((target) => target.identity)).toEqual(['s1', 'a1']);
    expect(preview.summary).toEqual([
      'Mute 1 track of 1 participant',
      'Move 1 speaker to the audience',
      'Lower 1 hand',
      'Lock the room: no new identity gets in; everyone here stays',
    ]);
    expect(preview.untouched).toEqual([{ name: 'HOST', why: 'host' }]);
    expect(preview.changes.map(describeChange)).toEqual(['mute mic, move to the audience', 'lower hand']);
  });

  it('names the hosts among those a removal disconnects', () => {
    expect(previewBulk('remove', [host, hand]).summary).toEqual(['Disconnect 2 participants, including 1 host (their tokens stay valid)']);
  });

  it('versions only what the operation reads: a raised hand does not change a mute preview, a mute does', () => {
    const raised = { ...speaker, attributes: { [HAND_ATTRIBUTE]: '2026-11-26T10:01:00Z' } };
    expect(previewVersion('mute', raised)).toBe(previewVersion('mute', speaker));
    expect(previewVersion('hands', raised)).not.toBe(previewVersion('hands', speaker));
    const selfMuted = { ...speaker, tracks: [mic('TR_a', true), mic('TR_b', true)] };
    expect(previewVersion('mute', selfMuted)).not.toBe(previewVersion('mute', speaker));
    expect(previewVersion('incident', selfMuted)).not.toBe(previewVersion('incident', speaker));
  });

  it('treats sources as a set and a rejoin as another participant', () => {
    const reordered = { ...speaker, permission: { ...SPEAKER, canPublishSources: ['camera' as const, 'microphone' as const] } };
    expect(previewVersion('demote', reordered)).toBe(previewVersion('demote', speaker));
    expect(previewVersion('remove', { ...speaker, sid: 'PA_other' })).not.toBe(previewVersion('remove', speaker));
  });
});
