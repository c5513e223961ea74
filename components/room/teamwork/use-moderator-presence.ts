'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { presenceHeartbeat, presenceLeave } from '@/lib/teamwork/claims-actions';
import type { PresentModerator } from '@/lib/teamwork/shared';
import { useRoomSignal } from '@/components/room/use-room-signal';

/** The server drops a tab not heard from for 15 s (a closed laptop, a crash): beat well inside that. */
const HEARTBEAT_MS = 5_000;

export interface ModeratorPresence {
  /** everyone with the room open, this account included */
  present: PresentModerator[];
  you: string | null;
}

/**
 * This tab's heartbeat on the room, and who else has it open: each beat answers the list, and a
 * tab arriving or leaving anywhere is pushed (`presence_changed`), which beats again at once. A tab
 * that closes says so; one that cannot is dropped by the server after 15 s.
 */
export function useModeratorPresence(room: string): ModeratorPresence {
  const [state, setState] = useState<ModeratorPresence>({ present: [], you: null });
  const tab = useRef<string>('');
  const beat = useCallback(async () => {
    if (!tab.current) return;
    const result = await presenceHeartbeat({ room, tab: tab.current }).catch(() => null);
    if (result?.ok) setState({ present: result.data.present, you: result.data.you });
  }, [room]);

  useEffect(() => {
    tab.current = crypto.randomUUID();
    const leave = () => void presenceLeave({ room, tab: tab.current }).catch(() => undefined);
    void beat();
    const timer = setInterval(() => void beat(), HEARTBEAT_MS);
    window.addEventListener('pagehide', leave);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', leave);
      leave();
    };
  }, [room, beat]);
  useRoomSignal(room, 'presence_changed', beat);
  return state;
}
