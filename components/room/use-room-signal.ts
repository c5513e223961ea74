'use client';

import { useEffect, useRef } from 'react';
import { followRoomStream, pushedKind } from '@/lib/live/room-stream-client';

/**
 * Calls `onSignal` when the room events stream says `kind` changed in `room`, and whenever the stream
 * (re)opens (what was pushed while it was closed is lost).
 */
export function useRoomSignal(room: string, kind: string, onSignal: () => void): void {
  const latest = useRef(onSignal);
  useEffect(() => {
    latest.current = onSignal;
  }, [onSignal]);
  useEffect(
    () =>
      followRoomStream({
        message: (data) => {
          const pushed = pushedKind(data);
          if (pushed?.kind === kind && pushed.room === room) latest.current();
        },
        opened: () => latest.current(),
      }),
    [room, kind],
  );
}
