'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useToast } from '@/components/ui/toaster';
import { dismissAlert, listRoomAlerts } from '@/lib/teamwork/alerts-actions';
import { unwrap } from '@/lib/actions/result';
import type { RoomAlerts } from '@/lib/teamwork/shared';
import { queryKeys } from '@/lib/query-keys';
import { useRoomSignal } from '@/components/room/use-room-signal';

/** Catches hands that went up since the last read (their first-seen time is stored by the hand queue). */
const POLL_MS = 15_000;
/** After the raised hands change, the hand queue reports them first; then the alerts are read again. */
const AFTER_HANDS_CHANGE_MS = 1_500;

/**
 * The room's alerts as the server computes them: re-read when a replica pushes `alerts_changed`, when
 * the next hand crosses the waiting threshold, shortly after the raised hands change, and every 15 s.
 */
export function useRoomAlerts(room: string, raisedHands: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const query = useQuery({
    queryKey: queryKeys.alerts(room),
    queryFn: async (): Promise<RoomAlerts> => unwrap(await listRoomAlerts({ room })),
    refetchInterval: POLL_MS,
  });
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: queryKeys.alerts(room), exact: true }), [queryClient, room]);
  useRoomSignal(room, 'alerts_changed', refresh);

  const due = query.data?.nextHandDueInMs;
  useEffect(() => {
    if (due === null || due === undefined) return;
    const timer = setTimeout(refresh, due + 100);
    return () => clearTimeout(timer);
  }, [due, query.data, refresh]);
  useEffect(() => {
    const timer = setTimeout(refresh, AFTER_HANDS_CHANGE_MS);
    return () => clearTimeout(timer);
  }, [raisedHands, refresh]);

  const dismiss = useCallback(
    async (id: number) => {
      const result = await dismissAlert({ room, id }).catch((error: unknown) => ({
        ok: false as const,
        error: { message: `The dashboard server did not answer (${(error as Error).message})` },
      }));
      refresh();
      if (!result.ok) toast({ kind: 'error', title: 'Could not dismiss the alert', description: result.error.message });
    },
    [refresh, room, toast],
  );
  return { alerts: query.data, dismiss };
}
