'use client';

import { useCallback, useState } from 'react';
import { banParticipant } from '@/lib/bans/actions';
import { removeParticipant } from '@/lib/participants/actions';
import type { ParticipantView } from '@/lib/livekit/types';
import type { BanChoice } from './kick-dialog';
import { displayName, type RunStep } from './use-moderation';

/** The kick confirmation: whom it asks about, and its two ways out (kick, or kick and ban). */
export function useKickDialog(room: string, run: RunStep, all: readonly ParticipantView[]) {
  const [identity, setIdentity] = useState<string | null>(null);
  const participant = identity ? (all.find((p) => p.identity === identity) ?? null) : null;
  const close = useCallback(() => setIdentity(null), []);

  const confirm = useCallback(
    async (p: ParticipantView) => {
      const ok = await run({
        key: `kick:${p.identity}`,
        call: () => removeParticipant({ room, identity: p.identity }),
        success: `Kicked ${displayName(p)}`,
        failure: `Could not kick ${displayName(p)}`,
        patch: () => ({ type: 'remove', identity: p.identity }),
      });
      if (ok) setIdentity(null);
    },
    [room, run],
  );
  const ban = useCallback(
    async (p: ParticipantView, choice: BanChoice) => {
      const ok = await run({
        key: `kick:${p.identity}`,
        call: () => banParticipant({ room, identity: p.identity, ...choice }),
        success: `Banned ${displayName(p)}`,
        failure: `Could not ban ${displayName(p)}`,
        patch: () => ({ type: 'remove', identity: p.identity }),
      });
      if (ok) setIdentity(null);
    },
    [room, run],
  );

  return {
    participant,
    open: useCallback((p: ParticipantView) => setIdentity(p.identity), []),
    close,
    confirm,
    ban,
  };
}

export type KickDialogState = ReturnType<typeof useKickDialog>;
