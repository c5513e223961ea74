import { describe, expect, it } from 'vitest';
import { activityCounts, type ActivitySample } from '@/lib/activity/shared';
import { activitySeries, peak } from '@/lib/activity/series-shared';
import { chartRange } from '@/lib/audit/activity-store';
import type { ParticipantView } from '@/lib/livekit/types';

const person = (identity: string, { canPublish = false, hidden = false, hand = '' } = {}): ParticipantView =>
  ({
    identity,
    attributes: hand ? { 'stagekeeper.hand': hand } : {},
    permission: { canSubscribe: true, canPublish, canPublishData: true, canPublishSources: ['microphone'], canUpdateMetadata: false, hidden },
  }) as unknown as ParticipantView;

const sample = (at: number, participants: number): ActivitySample => ({ at, participants, speakers: 0, hands: 0 });

describe('activityCounts', () => {
  it('counts visible participants, those on stage and raised hands; hidden ones and observers not at all', () => {
    expect(
      activityCounts([
        person('a', { canPublish: true }),
        person('b', { hand: '2026-11-26T15:00:00Z' }),
        person('c', { hand: 'not a time' }),
        person('d', { hidden: true, canPublish: true }),
        person('stagekeeper-observer-1'),
      ]),
    ).toEqual({ participants: 3, speakers: 1, hands: 1 });
  });
});

describe('activitySeries', () => {
  const now = 10_000_000;
  const windowMs = 1_000_000;

  it('joins the stored samples, the live ones after them and the counts now, in time order', () => {
    const stored = [sample(now - 2_000_000, 1), sample(now - 500_000, 4), sample(now - 100_000, 5)];
    const live = [sample(now - 200_000, 99), sample(now - 50_000, 6)];
    const points = activitySeries(stored, live, { participants: 7, speakers: 0, hands: 0 }, now, windowMs);
    expect(points.map((point) => [point.at, point.participants])).toEqual([
      [now - windowMs, 1],
      [now - 500_000, 4],
      [now - 100_000, 5],
      [now - 50_000, 6],
      [now, 7],
    ]);
    expect(peak(points, 'participants')).toBe(7);
  });

  it('draws nothing before anything is known', () => {
    expect(activitySeries([], [], null, now, windowMs)).toEqual([]);
  });
});

describe('the audit chart range', () => {
  const minute = 60_000;
  it('is the last hour per minute by default, and groups minutes beyond 6 hours', () => {
    const now = Date.UTC(2026, 10, 26, 15, 30, 20);
    expect(chartRange({}, now)).toEqual({ from: now - 60 * minute - 20_000, to: now, bucketMs: minute });
    const day = chartRange({ from: new Date(now - 24 * 60 * minute), to: new Date(now) }, now);
    expect(day.bucketMs).toBe(4 * minute);
  });
});
