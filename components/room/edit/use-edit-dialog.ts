'use client';

import { useCallback, useState } from 'react';
import type { ParticipantView } from '@/lib/livekit/types';
import { useEditHandlers } from './use-edit-handlers';
import type { RunStep } from '@/components/room/participants/use-moderation';

/** The edit dialog: whom it edits and its saves (see use-edit-handlers). */
export function useEditDialog(room: string, run: RunStep, all: readonly ParticipantView[]) {
  const [identity, setIdentity] = useState<string | null>(null);
  const participant = identity ? (all.find((p) => p.identity === identity) ?? null) : null;
  return {
    participant,
    open: useCallback((p: ParticipantView) => setIdentity(p.identity), []),
    close: useCallback(() => setIdentity(null), []),
    handlers: useEditHandlers(room, run),
  };
}

export type EditDialogState = ReturnType<typeof useEditDialog>;
