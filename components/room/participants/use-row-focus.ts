'use client';

import { useCallback, useMemo, useRef, useState } from 'react';
import { stageRole } from '@/lib/presets/shared';
import { handRaisedAt } from '@/lib/hands/shared';
import type { ParticipantView } from '@/lib/livekit/types';

/** What a screen reader hears when a row takes the keyboard focus. */
export function describeRow(participant: ParticipantView, index: number, total: number): string {
  const name = participant.name ? `${participant.name} (${participant.identity})` : participant.identity;
  const microphone = participant.tracks.find((track) => track.source === 'microphone');
  return [
    name,
    stageRole(participant.permission),
    microphone && (microphone.muted ? 'microphone muted' : 'microphone on'),
    handRaisedAt(participant.attributes) !== null && 'hand raised',
    `row ${index + 1} of ${total}`,
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * The row the keyboard acts on, by identity so it stays on its participant while the list changes.
 * `request` counts keyboard moves: the table moves the browser's focus only when it changes.
 */
export function useRowFocus(rows: readonly ParticipantView[]) {
  const [identity, setIdentity] = useState<string | null>(null);
  const [request, setRequest] = useState(0);
  const lastIndex = useRef(-1);
  const index = useMemo(() => (identity === null ? -1 : rows.findIndex((p) => p.identity === identity)), [rows, identity]);
  if (index >= 0) lastIndex.current = index;
  const participant = index >= 0 ? rows[index]! : null;

  const move = useCallback(
    (step: 1 | -1) => {
      if (rows.length === 0) return;
      // a focused row that left or was filtered out: carry on from where it was
      const from = index >= 0 ? index : Math.min(lastIndex.current, rows.length) - (step > 0 ? 1 : 0);
      const next = from < 0 && step < 0 ? 0 : Math.max(0, Math.min(rows.length - 1, from + step));
      setIdentity(rows[next]!.identity);
      setRequest((count) => count + 1);
    },
    [rows, index],
  );

  return {
    participant,
    index,
    request,
    move,
    announcement: participant ? describeRow(participant, index, rows.length) : '',
  };
}

export type RowFocus = ReturnType<typeof useRowFocus>;
