import { describe, expect, it } from 'vitest';
import { claimedByOther, claimsOn, describeAlert, type ClaimView } from '@/lib/teamwork/shared';

const claim = (kind: ClaimView['kind'], identity: string, claimedBy: string): ClaimView => ({
  kind,
  room: 'stage',
  identity,
  claimedBy,
  claimedByName: claimedBy.toUpperCase(),
  claimedAt: 1,
  expiresAt: 2,
});

describe('claims on a participant row', () => {
  const claims = [claim('participant', 'fan', 'alice'), claim('hand', 'asker', 'bob'), claim('lobby', 'fan', 'carol')];

  it('counts the participant and their hand, not a lobby request of the same identity', () => {
    expect(claimsOn(claims, 'fan').map((each) => each.claimedBy)).toEqual(['alice']);
    expect(claimsOn(claims, 'asker').map((each) => each.kind)).toEqual(['hand']);
  });

  it('warns only about someone else\'s claim', () => {
    expect(claimedByOther(claims, 'fan', 'alice')).toBeUndefined();
    expect(claimedByOther(claims, 'fan', 'bob')?.claimedBy).toBe('alice');
    expect(claimedByOther(claims, 'asker', null)?.claimedBy).toBe('bob');
    expect(claimedByOther(claims, 'nobody', 'bob')).toBeUndefined();
  });
});

describe('alert texts', () => {
  it('say what was seen', () => {
    const base = { id: 1, room: 'stage', identity: 'x', firstAt: 0, lastAt: 0 };
    expect(describeAlert({ ...base, kind: 'churn', detail: { sessions: 5, windowMs: 60_000 } })).toContain('5 new sessions within 60 s');
    expect(describeAlert({ ...base, kind: 'ban_evasion', detail: { bannedIdentity: 'troll', matched: ['name', 'metadata'] } })).toBe(
      'joined right after troll was banned, with the same name and metadata',
    );
  });
});
