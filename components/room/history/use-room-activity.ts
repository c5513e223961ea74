'use client';

import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNow } from '@/components/use-now';
import { readRoomActivity } from '@/lib/history/actions';
import { unwrap } from '@/lib/actions/result';
import { activityCounts, ACTIVITY_WINDOW_MS, type ActivityCounts, type ActivitySample } from '@/lib/activity/shared';
import { activitySeries } from '@/lib/activity/series-shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';

/** How often the stored samples are read again; the live part between reads comes from the observer. */
const STORED_REFRESH_MS = 15_000;

const sameCounts = (a: ActivityCounts, b: ActivityCounts) =>
  a.participants === b.participants && a.speakers === b.speakers && a.hands === b.hands;

/**
 * The room chart's points: the server's samples of the last hour (so a new tab sees the past), what
 * this page's observer has seen change since, and the counts now.
 */
export function useRoomActivity(room: string, participants: readonly ParticipantView[] | undefined) {
  const stored = useQuery({
    queryKey: queryKeys.activity(room),
    queryFn: async () => unwrap(await readRoomActivity({ room })),
    refetchInterval: STORED_REFRESH_MS,
    staleTime: 5_000,
  });
  const current = useMemo(() => (participants ? activityCounts(participants) : null), [participants]);

  // what the observer saw change: one point per change, the latest of a second kept
  const [live, setLive] = useState<ActivitySample[]>([]);
  const previous = useRef<ActivityCounts | null>(null);
  useEffect(() => {
    if (!current || (previous.current && sameCounts(previous.current, current))) return;
    previous.current = current;
    const at = Date.now();
    setLive((points) => {
      const kept = points.filter((point) => point.at > at - ACTIVITY_WINDOW_MS && point.at < at - 1000);
      return [...kept, { at, ...current }];
    });
  }, [current]);

  const now = useNow(5_000);
  const storedSamples = stored.data;
  const points = useMemo(
    () => activitySeries(storedSamples ?? [], live, current, Math.max(now, live.at(-1)?.at ?? 0)),
    [storedSamples, live, current, now],
  );
  return { points, stored: storedSamples ?? [], current, error: stored.error, now: Math.max(now, live.at(-1)?.at ?? 0) };
}
