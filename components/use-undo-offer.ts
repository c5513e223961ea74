'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useToast } from '@/components/ui/toaster';
import type { ActionResult } from '@/lib/actions/result';
import { undo } from '@/lib/undo/actions';
import type { UndoItem, UndoResult } from '@/lib/undo/service';
import { applyParticipantPatches } from '@/lib/live/participant-patches';
import type { ParticipantView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';

async function callUndo(auditEntryId: number): Promise<ActionResult<UndoResult>> {
  try {
    return await undo({ auditEntryId });
  } catch (error) {
    return { ok: false, error: { code: 'unreachable', message: `The dashboard server did not answer (${(error as Error).message})` } };
  }
}

/** One answer for the moderator from the undo of every entry the change wrote (a bulk run writes one per chunk). */
function summarize(results: ActionResult<UndoResult>[]): { ok: boolean; title: string; description?: string } {
  const single = results.length === 1 ? results[0]! : undefined;
  if (single && !single.ok) return { ok: false, title: 'Could not undo', description: single.error.message };
  if (single?.ok && !single.data.items) return { ok: true, title: 'Undone', description: single.data.message };
  const items: UndoItem[] = [];
  const refusals: string[] = [];
  for (const result of results) {
    if (result.ok) items.push(...(result.data.items ?? [{ identity: '', ok: true, message: result.data.message }]));
    else refusals.push(result.error.message);
  }
  const restored = items.filter((item) => item.ok).length;
  const failed = items.filter((item) => !item.ok).map((item) => `${item.identity}${item.trackSid ? ` ${item.trackSid}` : ''}: ${item.message}`);
  const rest = [...refusals, ...failed];
  return {
    ok: restored > 0,
    title: restored > 0 ? `Undid ${restored} of ${restored + failed.length}` : 'Could not undo',
    ...(rest.length > 0 && { description: `Not undone: ${rest.slice(0, 5).join('; ')}${rest.length > 5 ? ` … and ${rest.length - 5} more` : ''}` }),
  };
}

/**
 * The success toast of an undoable change, with Undo for 10 s. Undo answers with what it did (or
 * why it refused); a participant it restored is patched into the room's table at once.
 */
export function useUndoOffer(room?: string) {
  const toast = useToast();
  const queryClient = useQueryClient();
  return useCallback(
    (title: string, auditIds: number[], onUndone?: () => void) => {
      if (auditIds.length === 0) {
        toast({ kind: 'success', title });
        return;
      }
      const run = async () => {
        const results = await Promise.all(auditIds.map(callUndo));
        const restored = results.flatMap((result) => (result.ok && result.data.participant ? [result.data.participant] : []));
        if (room && restored.length > 0) {
          queryClient.setQueryData<ParticipantView[]>(
            queryKeys.participants(room),
            (current) => current && applyParticipantPatches(current, restored.map((participant) => ({ type: 'upsert', participant }))),
          );
        }
        if (results.every((result) => result.ok)) onUndone?.();
        const { ok, title: answer, description } = summarize(results);
        toast({ kind: ok ? 'success' : 'error', title: answer, ...(description && { description }) });
      };
      toast({ kind: 'success', title, action: { label: 'Undo', run } });
    },
    [queryClient, room, toast],
  );
}
