'use client';

import { useCallback, useState } from 'react';
import type { ParticipantView } from '@/lib/livekit/types';

/** The table's checkboxes: which participants the bulk bar acts on. */
export function useSelection(rows: readonly ParticipantView[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());

  const toggle = useCallback(
    (identity: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(identity)) next.add(identity);
        return next;
      }),
    [],
  );
  const toggleAll = useCallback(
    (select: boolean) => setSelected(select ? new Set(rows.map((p) => p.identity)) : new Set()),
    [rows],
  );
  const clear = useCallback(() => setSelected(new Set()), []);

  return { selected, toggle, toggleAll, clear };
}

export type Selection = ReturnType<typeof useSelection>;
