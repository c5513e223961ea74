import { ACTIVITY_WINDOW_MS, type ActivityCounts, type ActivitySample } from './shared';

/**
 * The chart's points: the stored samples of the window (what every tab sees), then what this page's
 * observer saw after the newest of them, then the counts now at `now`, so the line reaches the
 * right edge. A sample from before the window is moved to its left edge, so the line starts there.
 */
export function activitySeries(
  stored: readonly ActivitySample[],
  live: readonly ActivitySample[],
  current: ActivityCounts | null,
  now: number,
  windowMs = ACTIVITY_WINDOW_MS,
): ActivitySample[] {
  const since = now - windowMs;
  const points: ActivitySample[] = [];
  const before = stored.filter((sample) => sample.at < since).at(-1);
  if (before) points.push({ ...before, at: since });
  points.push(...stored.filter((sample) => sample.at >= since && sample.at <= now));
  const newestStored = stored.at(-1)?.at ?? -Infinity;
  points.push(...live.filter((sample) => sample.at > newestStored && sample.at >= since && sample.at <= now));
  if (current) points.push({ at: now, ...current });
  return points.sort((a, b) => a.at - b.at);
}

export function peak(samples: readonly ActivitySample[], key: keyof ActivityCounts): number {
  return samples.reduce((most, sample) => Math.max(most, sample[key]), 0);
}
