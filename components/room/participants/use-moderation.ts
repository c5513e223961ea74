'use client';

import { useQueryClient } from '@tanstack/react-query';
import { startTransition, useCallback, useState } from 'react';
import { useToast } from '@/components/ui/toaster';
import { useUndoOffer } from '@/components/use-undo-offer';
import type { ActionResult } from '@/lib/actions/result';
import { applyParticipantPatches, type ParticipantPatch } from '@/lib/live/participant-patches';
import type { ParticipantView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';

export interface ModerationStep<T> {
  /** identifies the control that shows the pending state, e.g. `promote:alice` */
  key: string;
  call: () => Promise<ActionResult<T>>;
  success: string;
  failure: string;
  /** how the answer changes the participant list right away; the observer's event follows */
  patch?: (data: T) => ParticipantPatch;
}

export type RunStep = <T>(step: ModerationStep<T>) => Promise<boolean>;

export const displayName = (participant: ParticipantView) => participant.name || participant.identity;
export const upsert = (participant: ParticipantView) => ({ type: 'upsert', participant }) as const;

/** Runs moderation steps: marks the control pending, toasts the outcome, patches the participant list. */
export function useModeration(room: string) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const offerUndo = useUndoOffer(room);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());

  const run = useCallback(
    async <T>(step: ModerationStep<T>): Promise<boolean> => {
      // the request leaves first; the button's pending look is not urgent enough to render before it
      const answer = (async () => step.call())();
      startTransition(() => setPending((current) => new Set(current).add(step.key)));
      let result: ActionResult<T>;
      try {
        result = await answer;
      } catch (error) {
        result = { ok: false, error: { code: 'unreachable', message: `The dashboard server did not answer (${(error as Error).message})` } };
      }
      setPending((current) => {
        const next = new Set(current);
        next.delete(step.key);
        return next;
      });
      if (!result.ok) {
        toast({ kind: 'error', title: step.failure, description: result.error.message });
        return false;
      }
      const { patch } = step;
      if (patch) {
        queryClient.setQueryData<ParticipantView[]>(
          queryKeys.participants(room),
          (current) => current && applyParticipantPatches(current, [patch(result.data)]),
        );
      }
      // kick, ban, demote, mute (with remote unmute), presets: the answer names the entry to undo
      offerUndo(step.success, result.auditId === undefined ? [] : [result.auditId]);
      return true;
    },
    [offerUndo, queryClient, room, toast],
  );

  return { run, pending };
}
