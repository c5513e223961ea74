import { describe, expect, it } from 'vitest';
import {
  settledState,
  stagekeeperUnmuteRequest,
  UNMUTE_REPLY_ATTRIBUTE,
  unmuteReplyValue,
  type UnmuteRequest,
} from '@/lib/unmute-requests/shared';
import type { TrackView } from '@/lib/livekit/types';
import { participantView } from '../helpers/participant-view';

const asked = Date.parse('2026-11-26T16:00:00Z');
const request: UnmuteRequest = {
  id: 'req-1',
  trackSid: 'TR_mic',
  source: 'microphone',
  askedBy: 'Mo',
  askedAt: new Date(asked).toISOString(),
  expiresAt: new Date(asked + 30_000).toISOString(),
};
const mic = (muted: boolean): TrackView => ({ sid: 'TR_mic', name: 'mic', kind: 'audio', source: 'microphone', muted, mimeType: '' });
const speaker = (muted: boolean, reply?: string) =>
  participantView('speaker', { tracks: [mic(muted)], attributes: reply ? { [UNMUTE_REPLY_ATTRIBUTE]: reply } : {} });

describe('what an asked unmute request becomes', () => {
  it('stays asked while the track is muted and nobody answered, and expires at its expiry', () => {
    expect(settledState(request, speaker(true), asked + 29_999)).toBeNull();
    expect(settledState(request, speaker(true), asked + 30_000)).toBe('expired');
  });

  it('is accepted once the track is unmuted, with or without the reply', () => {
    expect(settledState(request, speaker(false), asked + 1_000)).toBe('accepted');
    expect(settledState(request, speaker(true, unmuteReplyValue('req-1', 'accepted')), asked + 1_000)).toBe('accepted');
  });

  it('is declined by a reply naming it; a reply to an earlier request does not count', () => {
    expect(settledState(request, speaker(true, unmuteReplyValue('req-1', 'declined')), asked + 1_000)).toBe('declined');
    expect(settledState(request, speaker(true, unmuteReplyValue('req-0', 'declined')), asked + 1_000)).toBeNull();
    expect(settledState(request, speaker(true, 'not json'), asked + 1_000)).toBeNull();
  });

  it('reads an answer given before the expiry at the first look after it', () => {
    expect(settledState(request, speaker(false), asked + 30_500)).toBe('accepted');
  });

  it('expires when the participant is gone', () => {
    expect(settledState(request, undefined, asked + 1_000)).toBeNull();
    expect(settledState(request, undefined, asked + 30_000)).toBe('expired');
  });
});

describe('the check docs/app-contract.md gives the event app', () => {
  const payload = new TextEncoder().encode(JSON.stringify(request));

  it("takes Stagekeeper's request: the topic, no sender", () => {
    expect(stagekeeperUnmuteRequest(payload, undefined, 'stagekeeper.unmute-request', undefined)).toEqual(request);
    expect(stagekeeperUnmuteRequest(payload, undefined, 'stagekeeper.unmute-request', '')).toEqual(request);
  });

  it('rejects a packet from a participant, another topic, or a payload that is not a request', () => {
    expect(stagekeeperUnmuteRequest(payload, { identity: 'prankster' }, 'stagekeeper.unmute-request', 'prankster')).toBeNull();
    expect(stagekeeperUnmuteRequest(payload, undefined, 'stagekeeper.unmute-request', 'hidden-prankster')).toBeNull();
    expect(stagekeeperUnmuteRequest(payload, undefined, 'stagekeeper.notice', undefined)).toBeNull();
    const partial = new TextEncoder().encode(JSON.stringify({ id: 'x', trackSid: 'TR_mic' }));
    expect(stagekeeperUnmuteRequest(partial, undefined, 'stagekeeper.unmute-request', undefined)).toBeNull();
    expect(stagekeeperUnmuteRequest(new TextEncoder().encode('{'), undefined, 'stagekeeper.unmute-request', undefined)).toBeNull();
  });
});
