'use client';

import { useCallback } from 'react';
import { approveHand, dismissHand } from '@/lib/actions/stage';
import type { HandInQueue } from '@/lib/live/participant-filter';
import type { ParticipantView } from '@/lib/livekit/types';
import { displayName, upsert, type RunStep } from './use-moderation';

/** The hand queue's buttons: bring a hand on stage, lower it, or lower every queued hand at once. */
export function useHandActions(
  room: string,
  run: RunStep,
  queue: readonly HandInQueue[],
  lowerHandsOf: (participants: readonly ParticipantView[]) => void,
) {
  const approve = useCallback(
    (p: ParticipantView) =>
      void run({
        key: `hand:${p.identity}`,
        call: () => approveHand({ room, identity: p.identity }),
        success: `${displayName(p)} is on stage`,
        failure: `Could not bring ${displayName(p)} on stage`,
        patch: upsert,
      }),
    [room, run],
  );
  const dismiss = useCallback(
    (p: ParticipantView) =>
      void run({
        key: `hand:${p.identity}`,
        call: () => dismissHand({ room, identity: p.identity }),
        success: `Lowered ${displayName(p)}'s hand`,
        failure: `Could not lower ${displayName(p)}'s hand`,
        patch: upsert,
      }),
    [room, run],
  );
  const lowerAll = useCallback(() => lowerHandsOf(queue.map((entry) => entry.participant)), [lowerHandsOf, queue]);

  return { approve, dismiss, lowerAll };
}
