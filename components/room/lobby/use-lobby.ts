'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { admitAllFromLobby, admitFromLobby, denyFromLobby, getLobby } from '@/lib/access/lobby-actions';
import { unwrap } from '@/lib/actions/result';
import { setRoomAccessMode } from '@/lib/access/actions';
import { followRoomSignal } from '@/lib/live/room-stream-client';
import { queryKeys } from '@/lib/query-keys';
import { ROOM_ACCESS_LABELS, type LobbyEntry, type LobbyView, type RoomAccessMode } from '@/lib/access/shared';
import { useModeration } from '@/components/room/participants/use-moderation';

/** The push is the fast path; this poll catches a lost one (and the expiry of idle knocks). */
const SAFETY_POLL_MS = 15_000;

const who = (entry: LobbyEntry) => entry.name || entry.identity;

/**
 * The room's access mode and lobby, re-read whenever any replica pushes a lobby change for this
 * room (a knock, a decision, a mode change), and the moderator's controls over them.
 */
export function useLobby(room: string, initial?: LobbyView) {
  const queryClient = useQueryClient();
  const key = queryKeys.lobby(room);
  const lobby = useQuery({
    queryKey: key,
    queryFn: async () => unwrap(await getLobby({ room })),
    initialData: initial,
    refetchInterval: SAFETY_POLL_MS,
  });
  const { run, pending } = useModeration(room);

  useEffect(() => {
    const reread = () => void queryClient.invalidateQueries({ queryKey: queryKeys.lobby(room), exact: true });
    return followRoomSignal(room, 'lobby_changed', reread);
  }, [queryClient, room]);

  const after = useCallback(
    async (done: Promise<boolean>) => {
      await done;
      await queryClient.invalidateQueries({ queryKey: key, exact: true });
    },
    [queryClient, key],
  );

  const setMode = useCallback(
    (mode: RoomAccessMode) =>
      void after(
        run({
          key: 'access',
          call: () => setRoomAccessMode({ room, mode }),
          success: `${room} is now ${ROOM_ACCESS_LABELS[mode].toLowerCase()}`,
          failure: `Could not set ${room} to ${ROOM_ACCESS_LABELS[mode].toLowerCase()}`,
        }),
      ),
    [after, room, run],
  );
  const admit = useCallback(
    (entry: LobbyEntry) =>
      void after(
        run({
          key: `lobby:${entry.identity}`,
          call: () => admitFromLobby({ room, identity: entry.identity }),
          success: `Admitted ${who(entry)}`,
          failure: `Could not admit ${who(entry)}`,
        }),
      ),
    [after, room, run],
  );
  const deny = useCallback(
    (entry: LobbyEntry) =>
      void after(
        run({
          key: `lobby:${entry.identity}`,
          call: () => denyFromLobby({ room, identity: entry.identity }),
          success: `Turned ${who(entry)} away`,
          failure: `Could not deny ${who(entry)}`,
        }),
      ),
    [after, room, run],
  );
  const admitAll = useCallback(
    (entries: LobbyEntry[]) =>
      void after(
        run({
          key: 'lobby:all',
          call: () => admitAllFromLobby({ room, identities: entries.map((entry) => entry.identity) }),
          success: `Admitted ${entries.length} from the lobby`,
          failure: 'Could not admit everyone',
        }),
      ),
    [after, room, run],
  );

  return { lobby: lobby.data, error: lobby.isError ? lobby.error.message : null, pending, setMode, admit, deny, admitAll };
}

/**
 * Who is knocking, for the panel tabs' count: the same query as the lobby panel's (react-query
 * shares it), so the count moves with the panel's push and poll.
 */
export function useLobbyWaiting(room: string): LobbyEntry[] {
  const lobby = useQuery({
    queryKey: queryKeys.lobby(room),
    queryFn: async () => unwrap(await getLobby({ room })),
    refetchInterval: SAFETY_POLL_MS,
  });
  return lobby.data?.waiting ?? [];
}
