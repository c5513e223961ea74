'use client';

import dynamic from 'next/dynamic';
import type { ModeratorActivity } from '@/lib/audit/shared';

const CHART_HEIGHT = 140;

const TimeChart = dynamic(() => import('@/components/charts/time-chart'), {
  ssr: false,
  loading: () => <div style={{ height: CHART_HEIGHT }} className="animate-pulse rounded bg-zinc-900" />,
});

const PALETTE = ['#818cf8', '#34d399', '#fbbf24', '#f472b6', '#38bdf8', '#a3e635', '#fb923c', '#c084fc'];
/** More moderators than this are summed as "others", so the chart stays readable. */
const MAX_SERIES = PALETTE.length - 1;

function grouped(moderators: ModeratorActivity['moderators']) {
  if (moderators.length <= MAX_SERIES + 1) return moderators;
  const others = moderators.slice(MAX_SERIES);
  const counts = others[0]!.counts.map((_, index) => others.reduce((sum, moderator) => sum + (moderator.counts[index] ?? 0), 0));
  return [...moderators.slice(0, MAX_SERIES), { email: `${others.length} others`, counts, total: others.reduce((sum, m) => sum + m.total, 0) }];
}

/** Actions per minute (or per few minutes, for long ranges) by moderator over the selected range. */
export function ModeratorChart({ activity }: { activity: ModeratorActivity }) {
  const minutes = activity.bucketMs / 60_000;
  const per = minutes === 1 ? 'minute' : `${minutes} minutes`;
  const moderators = grouped(activity.moderators);
  const times = Array.from({ length: moderators[0]?.counts.length ?? 0 }, (_, index) => activity.from + index * activity.bucketMs);
  const label = `Actions per ${per} by moderator, ${new Date(activity.from).toISOString()} to ${new Date(activity.to).toISOString()}: ${
    moderators.map((moderator) => `${moderator.email} ${moderator.total}`).join(', ') || 'none'
  }`;
  return (
    <section aria-label="Actions by moderator" className="mb-4 rounded-lg border border-zinc-800 p-3" data-audit-chart data-bucket-minutes={minutes}>
      <h2 className="mb-2 text-sm font-semibold text-zinc-200">
        Actions per {per} by moderator <span className="font-normal text-zinc-400">(UTC {new Date(activity.from).toISOString().slice(0, 16).replace('T', ' ')} – {new Date(activity.to).toISOString().slice(0, 16).replace('T', ' ')})</span>
      </h2>
      {moderators.length === 0 ? (
        <p className="py-6 text-center text-sm text-zinc-400">No moderator acted in this range.</p>
      ) : (
        <>
          <TimeChart
            times={times}
            series={moderators.map((moderator, index) => ({ label: moderator.email, color: PALETTE[index]!, values: moderator.counts }))}
            range={[activity.from, activity.to]}
            height={CHART_HEIGHT}
            label={label}
            stepped
          />
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-400">
            {moderators.map((moderator, index) => (
              <li key={moderator.email} className="flex items-center gap-1.5" data-moderator={moderator.email} data-actions={moderator.total}>
                <span className="size-2 rounded-full" style={{ background: PALETTE[index] }} aria-hidden />
                {moderator.email} <span className="font-medium text-zinc-100 tabular-nums">{moderator.total}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
