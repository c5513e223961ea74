'use client';

import { useCallback } from 'react';
import { approveHand, dismissHand } from '@/lib/hands/actions';
import type { HandInQueue } from '@/lib/participants/filter-shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { forSlot, withSlotChoice, type SlotChoice } from '@/components/room/timeboxes/slot-picker';
import { displayName, upsert, type RunStep } from '@/components/room/participants/use-moderation';

/** The hand queue's buttons: bring a hand on stage, lower it, or lower every queued hand at once. */
export function useHandActions(
  room: string,
  run: RunStep,
  queue: readonly HandInQueue[],
  lowerHandsOf: (participants: readonly ParticipantView[]) => void,
  slot?: () => SlotChoice,
) {
  const approve = useCallback(
    (p: ParticipantView) => {
      const choice = slot?.();
      void run({
        key: `hand:${p.identity}`,
        call: () => withSlotChoice(choice, (given) => approveHand({ room, identity: p.identity, ...given })),
        success: `${displayName(p)} is on stage${forSlot(choice)}`,
        failure: `Could not bring ${displayName(p)} on stage`,
        patch: upsert,
      });
    },
    [room, run, slot],
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
