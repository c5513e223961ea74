'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { listParticipants } from '@/lib/participants/actions';
import { unwrap } from '@/lib/actions/result';
import { getRoom } from '@/lib/rooms/actions';
import { installBenchHooks } from '@/lib/live/bench-hooks';
import { liveStats } from '@/lib/live/stats';
import type { ParticipantView, RoomView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';
import type { RoomObserver } from './use-room-observer';

/**
 * The room's server state: the participant list (patched live by the observer), the room's own
 * record, and the observer's connection status that the header shows.
 */
export function useRoomData(room: string, initialParticipants?: ParticipantView[], initialRoom?: RoomView) {
  const queryClient = useQueryClient();
  const participants = useQuery({
    queryKey: queryKeys.participants(room),
    queryFn: async () => {
      liveStats().listFetches += 1;
      return unwrap(await listParticipants({ room }));
    },
    initialData: initialParticipants,
    // patches keep unchanged rows as the same objects already; react-query's deep compare of
    // 10,000 rows on every cache write would cost more than the render it saves
    structuralSharing: false,
  });
  const roomInfo = useQuery({
    queryKey: queryKeys.room(room),
    queryFn: async () => unwrap(await getRoom({ room })),
    initialData: initialRoom,
    staleTime: 10_000,
  });
  const [observer, setObserver] = useState<RoomObserver>({ status: 'connecting', error: null, identity: null });

  // a bench build (STAGEKEEPER_BENCH_HOOKS=1) feeds synthetic rooms through the same cache and patching code
  useEffect(() => installBenchHooks(queryClient, queryKeys.participants(room)), [queryClient, room]);

  const all = useMemo(() => participants.data ?? [], [participants.data]);

  return {
    all,
    loaded: participants.isSuccess,
    loading: participants.isPending,
    roomMetadata: roomInfo.data?.metadata ?? '',
    observer,
    setObserver,
    status: participants.isError ? ('error' as const) : observer.status,
    notice: participants.isError ? participants.error.message : observer.error,
  };
}
