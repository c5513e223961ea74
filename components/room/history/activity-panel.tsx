'use client';

import dynamic from 'next/dynamic';
import { ACTIVITY_WINDOW_MS } from '@/lib/activity/shared';
import { peak } from '@/lib/activity/series-shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { useRoomActivity } from './use-room-activity';

const CHART_HEIGHT = 110;

// uPlot is fetched only when the panel is on screen, never in the room page's first load
const TimeChart = dynamic(() => import('@/components/charts/time-chart'), {
  ssr: false,
  loading: () => <div style={{ height: CHART_HEIGHT }} className="animate-pulse rounded bg-zinc-900" />,
});

const SERIES = [
  { key: 'participants', label: 'Participants', color: '#818cf8' },
  { key: 'speakers', label: 'On stage', color: '#34d399' },
  { key: 'hands', label: 'Hands raised', color: '#fbbf24' },
] as const;

/** The room's last hour: participants, people on stage and raised hands over time. */
export function ActivityPanel({ room, participants }: { room: string; participants: readonly ParticipantView[] | undefined }) {
  const { points, stored, current, error, now } = useRoomActivity(room, participants);
  const summary = current
    ? `Last hour in ${room}: ${current.participants} participants now (at most ${peak(points, 'participants')}), ${current.speakers} on stage, ${current.hands} hands raised`
    : `Last hour in ${room}`;
  return (
    <section
      aria-label="Room activity, last hour"
      className="mb-4 rounded-lg border border-zinc-800 p-3"
      data-activity-chart
      data-participants-now={current?.participants ?? ''}
      data-participants-peak={peak(points, 'participants')}
      data-stored-samples={stored.length}
      data-stored-peak={peak(stored, 'participants')}
    >
      <h2 className="mb-2 text-sm font-semibold text-zinc-200">Last hour</h2>
      <TimeChart
        times={points.map((point) => point.at)}
        series={SERIES.map(({ key, label, color }) => ({ label, color, values: points.map((point) => point[key]) }))}
        range={[now - ACTIVITY_WINDOW_MS, now]}
        height={CHART_HEIGHT}
        label={summary}
        stepped
      />
      <ul className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-xs text-zinc-400">
        {SERIES.map(({ key, label, color }) => (
          <li key={key} className="flex items-center gap-1.5" data-series={key}>
            <span className="size-2 rounded-full" style={{ background: color }} aria-hidden />
            {label} <span className="font-medium text-zinc-100 tabular-nums">{current?.[key] ?? '–'}</span>
          </li>
        ))}
      </ul>
      {error && <p className="mt-1 text-xs text-amber-300">Past samples unavailable: {error.message}</p>}
    </section>
  );
}
