'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { unwrap } from '@/lib/actions/result';
import { endTimebox, extendTimebox, listTimeboxes } from '@/lib/timeboxes/actions';
import { followRoomSignal } from '@/lib/live/room-stream-client';
import type { ParticipantView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';
import type { RoomTimeboxes, TimeboxView } from '@/lib/timeboxes/shared';
import type { ModerationStep } from '@/components/room/participants/use-moderation';

/** A safety net under the pushed changes: a lost message costs at most this long. */
const POLL_MS = 30_000;
/** how long after a slot ran out the head of the hand queue stays marked as next */
const NEXT_UP_MS = 5 * 60_000;

export interface Timeboxes {
  /** running slots by identity */
  running: ReadonlyMap<string, TimeboxView>;
  /** add to Date.now() for the server's clock, which every slot's end is on */
  clockOffsetMs: number;
  /** what the table's rows need, the same object until a slot or the clock offset changes */
  table: { running: ReadonlyMap<string, TimeboxView>; clockOffsetMs: number };
  /** a slot ran out and nobody was given one since: the page marks the next raised hand */
  nextUp: TimeboxView | null;
  extend: (participant: ParticipantView, seconds: number) => void;
  end: (participant: ParticipantView) => void;
}

type Run = <T>(step: ModerationStep<T>) => Promise<boolean>;

/**
 * The room's speaking slots, read from the server and read again whenever any replica announces a
 * change (`timebox_changed` on the room-change stream), when the stream reopens, and every 30 s.
 */
export function useTimeboxes(room: string, run: Run): Timeboxes {
  const queryClient = useQueryClient();
  const key = queryKeys.timeboxes(room);
  const query = useQuery({
    queryKey: key,
    queryFn: async () => {
      const sent = Date.now();
      const data = unwrap(await listTimeboxes({ room }));
      // the server's clock at the middle of the round trip
      return { ...data, clockOffsetMs: data.now - (sent + Date.now()) / 2 };
    },
    refetchInterval: POLL_MS,
  });

  useEffect(
    () =>
      followRoomSignal(room, 'timebox_changed', () => void queryClient.invalidateQueries({ queryKey: key, exact: true })),
    [queryClient, room],
  );

  const data: (RoomTimeboxes & { clockOffsetMs: number }) | undefined = query.data;
  const running = useMemo(() => new Map((data?.running ?? []).map((slot) => [slot.identity, slot])), [data]);
  const nextUp = useMemo(() => {
    const last = data?.lastEnded;
    if (!data || last?.endReason !== 'expired' || last.endedAt === null) return null;
    if (data.now - last.endedAt > NEXT_UP_MS) return null;
    return data.running.some((slot) => slot.startedAt > last.endedAt!) ? null : last;
  }, [data]);

  const clockOffsetMs = data?.clockOffsetMs ?? 0;
  const table = useMemo(() => ({ running, clockOffsetMs }), [running, clockOffsetMs]);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key, exact: true });
  const name = (p: ParticipantView) => p.name || p.identity;
  return {
    running,
    clockOffsetMs,
    table,
    nextUp,
    extend: (p, seconds) =>
      void run({
        key: `slot:${p.identity}`,
        call: () => extendTimebox({ room, identity: p.identity, seconds }),
        success: `Gave ${name(p)} ${seconds / 60} more minute${seconds === 60 ? '' : 's'}`,
        failure: `Could not extend ${name(p)}'s slot`,
      }).then(refresh),
    end: (p) =>
      void run({
        key: `slot:${p.identity}`,
        call: () => endTimebox({ room, identity: p.identity }),
        success: `Ended ${name(p)}'s slot: back in the audience`,
        failure: `Could not end ${name(p)}'s slot`,
        patch: (participant) => ({ type: 'upsert', participant }),
      }).then(refresh),
  };
}
