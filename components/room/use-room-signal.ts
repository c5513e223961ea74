'use client';

import { useEffect, useRef } from 'react';
import { followRoomSignal } from '@/lib/live/room-stream-client';

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
      followRoomSignal(room, kind, () => latest.current()),
    [room, kind],
  );
}
