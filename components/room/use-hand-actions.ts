'use client';

import { useCallback } from 'react';
import { lowerAllHands } from '@/lib/actions/bulk';
import { approveHand, dismissHand } from '@/lib/actions/stage';
import type { HandInQueue } from '@/lib/live/participant-filter';
import type { ParticipantView } from '@/lib/livekit/types';
import type { BulkOperation } from './bulk-actions';
import { displayName, upsert, type RunStep } from './use-moderation';

/** The hand queue's buttons: bring a hand on stage, lower it, or lower every queued hand at once. */
export function useHandActions(
  room: string,
  run: RunStep,
  queue: readonly HandInQueue[],
  startBulk: (operation: BulkOperation) => Promise<void>,
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
  const lowerAll = useCallback(
    () =>
      void startBulk({
        id: 'hands',
        label: 'Lower hands',
        identities: queue.map((entry) => entry.participant.identity),
        call: (identities) => lowerAllHands({ room, identities }),
      }),
    [startBulk, queue, room],
  );

  return { approve, dismiss, lowerAll };
}
