'use client';

import { useCallback, useMemo, useState } from 'react';
import { demoteAllSpeakers, lowerAllHands, muteAllButHosts, removeParticipants } from '@/lib/bulk/actions';
import { plannedChange, previewBulk, type BulkKind } from '@/lib/bulk/shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { useBulkRunner, type BulkOperation, type PreviewedOperation } from './bulk-actions';
import type { Selection } from './use-selection';

const countAffected = (kind: BulkKind, scope: readonly ParticipantView[]) =>
  scope.reduce((count, participant) => count + (plannedChange(kind, participant) ? 1 : 0), 0);

/**
 * The bulk bar's operations over the selection (or every shown row), and the flow every one of them
 * goes through: click → a preview of who and how, frozen from the live table at that moment →
 * confirm → exactly that list sent (each with the version shown), with progress and a per-participant summary.
 */
export function useBulkOperations(room: string, rows: readonly ParticipantView[], selection: Selection) {
  const { selected, clear } = selection;
  const runner = useBulkRunner();
  const [confirming, setConfirming] = useState<PreviewedOperation | null>(null);
  const scope = useMemo(() => (selected.size > 0 ? rows.filter((p) => selected.has(p.identity)) : rows), [rows, selected]);

  const operations: BulkOperation[] = useMemo(() => {
    const operation = (kind: BulkKind, label: string, call: BulkOperation['call']): BulkOperation => ({
      id: kind,
      kind,
      label,
      count: kind === 'remove' && selected.size === 0 ? 0 : countAffected(kind, scope),
      call,
    });
    return [
      operation('mute', 'Mute all but hosts', (targets) => muteAllButHosts({ room, targets })),
      operation('demote', 'Move speakers to audience', (targets) => demoteAllSpeakers({ room, targets })),
      operation('hands', 'Lower hands', (targets) => lowerAllHands({ room, targets })),
      operation('remove', 'Remove selected', (targets) => removeParticipants({ room, targets })),
    ];
  }, [room, scope, selected.size]);

  /** Opens the confirmation with the preview of `operation` over `over` (the scope unless given), as the table is now. */
  const ask = useCallback(
    (operation: BulkOperation, over: readonly ParticipantView[] = scope) => setConfirming({ operation, preview: previewBulk(operation.kind, over) }),
    [scope],
  );

  const confirm = useCallback(
    async (previewed: PreviewedOperation) => {
      setConfirming(null);
      await runner.start(previewed);
      if (previewed.operation.kind === 'remove') clear();
    },
    [runner.start, clear],
  );

  /** The hand queue's "Lower all": the same preview and confirmation, over the queued hands. */
  const lowerHandsOf = useCallback(
    (participants: readonly ParticipantView[]) =>
      ask(
        { id: 'hands', kind: 'hands', label: 'Lower hands', count: participants.length, call: (targets) => lowerAllHands({ room, targets }) },
        participants,
      ),
    [ask, room],
  );

  return {
    operations,
    run: runner.run,
    busy: runner.run !== null && !runner.run.finished,
    /** every operation asks first, showing who it affects and how */
    request: ask,
    confirming,
    confirm: (previewed: PreviewedOperation) => void confirm(previewed),
    cancel: useCallback(() => setConfirming(null), []),
    lowerHandsOf,
    clearRun: runner.clear,
  };
}

export type BulkOperations = ReturnType<typeof useBulkOperations>;
