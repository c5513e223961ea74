'use client';

import { useCallback, useState } from 'react';
import { sendNotice } from '@/lib/hands/actions';
import type { ParticipantView } from '@/lib/livekit/types';
import { displayName, type RunStep } from './use-moderation';

/** The notice dialog, to one participant or to the whole room. */
export function useNoticeDialog(room: string, run: RunStep, all: readonly ParticipantView[]) {
  // an identity, null for everyone, undefined while closed
  const [target, setTarget] = useState<string | null | undefined>(undefined);
  const participant =
    target === undefined ? undefined : target === null ? null : (all.find((p) => p.identity === target) ?? null);

  const send = (to: ParticipantView | null, text: string) =>
    run({
      key: 'notice',
      call: () => sendNotice({ room, text, ...(to && { identity: to.identity }) }),
      success: to ? `Notice sent to ${displayName(to)}` : `Notice sent to everyone in ${room}`,
      failure: 'Could not send the notice',
    });

  return {
    /** null: the whole room; undefined: closed */
    target: participant,
    open: useCallback((p: ParticipantView) => setTarget(p.identity), []),
    openForEveryone: useCallback(() => setTarget(null), []),
    close: useCallback(() => setTarget(undefined), []),
    send,
  };
}

export type NoticeDialogState = ReturnType<typeof useNoticeDialog>;
