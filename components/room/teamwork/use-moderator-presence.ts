'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { listPresence } from '@/lib/teamwork/presence-actions';
import type { PresentModerator } from '@/lib/teamwork/shared';
import { unwrap } from '@/lib/actions/result';
import { queryKeys } from '@/lib/query-keys';
import { presentOnStream } from '@/lib/live/room-stream-client';
import { useRoomSignal } from '@/components/room/use-room-signal';

/** A safety net: a tab arriving or leaving is pushed; this catches a push lost while the stream reconnected. */
const POLL_MS = 30_000;

export interface ModeratorPresence {
  /** everyone with the room open, this account included */
  present: PresentModerator[];
  you: string | null;
}

/**
 * Who has the room open. This page is present while its event stream is open (it names the room on
 * the stream); the list is read on load, when `presence_changed` is pushed, and every 30 s.
 */
export function useModeratorPresence(room: string): ModeratorPresence {
  const queryClient = useQueryClient();
  useEffect(() => presentOnStream(room), [room]);
  const query = useQuery({
    queryKey: queryKeys.presence(room),
    queryFn: async () => unwrap(await listPresence({ room })),
    refetchInterval: POLL_MS,
  });
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: queryKeys.presence(room), exact: true }), [queryClient, room]);
  useRoomSignal(room, 'presence_changed', refresh);
  return { present: query.data?.present ?? [], you: query.data?.you ?? null };
}
