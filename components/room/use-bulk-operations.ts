'use client';

import { useCallback, useMemo, useState } from 'react';
import { demoteAllSpeakers, lowerAllHands, muteAllButHosts, removeParticipants } from '@/lib/actions/bulk';
import { stageRole } from '@/lib/actions/presets';
import { handRaisedAt } from '@/lib/live/hand';
import type { ParticipantView } from '@/lib/livekit/types';
import { useBulkRunner, type BulkOperation } from './bulk-actions';
import type { Selection } from './use-selection';

/** The bulk bar's operations over the selection (or every shown row), their confirmation and their run. */
export function useBulkOperations(room: string, rows: readonly ParticipantView[], selection: Selection) {
  const { selected, clear } = selection;
  const runner = useBulkRunner();
  const [confirming, setConfirming] = useState<BulkOperation | null>(null);

  const operations: BulkOperation[] = useMemo(() => {
    const scope = selected.size > 0 ? rows.filter((p) => selected.has(p.identity)) : rows;
    const mute: string[] = [];
    const demote: string[] = [];
    const hands: string[] = [];
    for (const p of scope) {
      const role = stageRole(p.permission);
      if (role !== 'host' && p.tracks.some((track) => !track.muted)) mute.push(p.identity);
      if (role === 'speaker') demote.push(p.identity);
      if (handRaisedAt(p.attributes) !== null) hands.push(p.identity);
    }
    return [
      { id: 'mute', label: 'Mute all but hosts', identities: mute, call: (identities) => muteAllButHosts({ room, identities }) },
      {
        id: 'demote',
        label: 'Move speakers to audience',
        identities: demote,
        call: (identities) => demoteAllSpeakers({ room, identities }),
      },
      { id: 'hands', label: 'Lower hands', identities: hands, call: (identities) => lowerAllHands({ room, identities }) },
      {
        id: 'remove',
        label: 'Remove selected',
        identities: selected.size > 0 ? scope.map((p) => p.identity) : [],
        call: (identities) => removeParticipants({ room, identities }),
        confirm: `Disconnect the ${selected.size} selected participant(s) from ${room}? Their tokens stay valid.`,
      },
    ];
  }, [rows, selected, room]);

  const start = async (operation: BulkOperation) => {
    setConfirming(null);
    await runner.start(operation);
    if (operation.id === 'remove') clear();
  };

  return {
    operations,
    run: runner.run,
    busy: runner.run !== null && !runner.run.finished,
    /** starts the operation, or asks first when it says so */
    request: (operation: BulkOperation) => (operation.confirm ? setConfirming(operation) : void start(operation)),
    confirming,
    confirm: (operation: BulkOperation) => void start(operation),
    cancel: useCallback(() => setConfirming(null), []),
    /** runs an operation built elsewhere (the hand queue's "Lower all") through the same progress dialog */
    startOperation: runner.start,
    clearRun: runner.clear,
  };
}

export type BulkOperations = ReturnType<typeof useBulkOperations>;
