'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { unwrap } from '@/lib/actions/result';
import { askToUnmute, getRemoteUnmutePolicy, listUnmuteRequests } from '@/lib/unmute-requests/actions';
import { followRoomSignal } from '@/lib/live/room-stream-client';
import type { UnmuteRequestView } from '@/lib/unmute-requests/shared';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';
import { trackLabel } from '@/components/room/participants/track-chip';
import { askKey, type UnmuteRequests } from './unmute-requests-context';
import { useModeration } from '@/components/room/participants/use-moderation';

/** While a request is asked, a safety re-read this often: the push is what shows answers at once. */
const ASKED_POLL_MS = 5_000;
const IDLE_POLL_MS = 30_000;

/**
 * The room's unmute requests as every moderator sees them: read from the server, read again when a
 * replica pushes `unmute_requests_changed` (a request made, or answered by the participant's app, or
 * expired), when the stream reopens, and on a slow safety poll.
 */
export function useUnmuteRequests(room: string, canModerate: boolean): UnmuteRequests {
  const queryClient = useQueryClient();
  const requests = useQuery({
    queryKey: queryKeys.unmuteRequests(room),
    queryFn: async () => unwrap(await listUnmuteRequests({ room })),
    refetchInterval: (query) => (query.state.data?.some((request) => request.state === 'asked') ? ASKED_POLL_MS : IDLE_POLL_MS),
  });
  const policy = useQuery({
    queryKey: queryKeys.remoteUnmute(room),
    queryFn: async () => unwrap(await getRemoteUnmutePolicy({ room })).allowed,
    enabled: canModerate,
    staleTime: 60_000,
    // unknown while nobody was in the room to probe with
    refetchInterval: (query) => (query.state.data === null ? 5_000 : false),
  });

  useEffect(() => {
    const reread = () => void queryClient.invalidateQueries({ queryKey: queryKeys.unmuteRequests(room), exact: true });
    return followRoomSignal(room, 'unmute_requests_changed', reread);
  }, [queryClient, room]);

  const latest = useMemo(() => {
    const byTrack = new Map<string, UnmuteRequestView>();
    for (const request of requests.data ?? []) {
      const shown = byTrack.get(request.trackSid);
      if (!shown || shown.askedAt < request.askedAt) byTrack.set(request.trackSid, request);
    }
    return byTrack;
  }, [requests.data]);

  const { run, pending } = useModeration(room);
  const ask = useMemo(
    () => (participant: ParticipantView, track: TrackView) => {
      const who = participant.name || participant.identity;
      void run({
        key: askKey(participant.identity, track.sid),
        call: async () => {
          const result = await askToUnmute({ room, identity: participant.identity, trackSid: track.sid });
          if (result.ok) {
            // a re-read pushed meanwhile may already hold a later state of it
            queryClient.setQueryData<UnmuteRequestView[]>(queryKeys.unmuteRequests(room), (current = []) =>
              current.some((request) => request.id === result.data.request.id) ? current : [result.data.request, ...current],
            );
          }
          return result;
        },
        success: `Asked ${who} to unmute their ${trackLabel(track)}`,
        failure: `Could not ask ${who} to unmute`,
      });
    },
    [queryClient, room, run],
  );

  const remoteUnmute = policy.data ?? null;
  return useMemo(() => ({ remoteUnmute, latest, pending, ask }), [remoteUnmute, latest, pending, ask]);
}
