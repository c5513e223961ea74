'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { latestIncident, startIncident, undoIncident } from '@/lib/incident/actions';
import type { IncidentSummary } from '@/lib/incident/shared';
import { unwrap, type ActionResult } from '@/lib/actions/result';
import { previewBulk, type BulkPreview } from '@/lib/bulk/shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';

export interface IncidentOutcome {
  kind: 'incident' | 'undo';
  summary?: IncidentSummary;
  error?: string;
}

/** A rejected call (the network, a restarting dashboard) as a result, so the dialog always ends. */
async function settled<T>(call: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  try {
    return await call();
  } catch (error) {
    return { ok: false, error: { code: 'unreachable', message: `The dashboard did not answer: ${error instanceof Error ? error.message : String(error)}` } };
  }
}

/**
 * The incident button's flow: click → a preview of everyone it affects, frozen from the live table →
 * confirm → one request → the per-participant summary, with Undo incident. The room's latest incident
 * not undone yet is read from the server, so a reloaded page or another moderator can undo it too.
 */
export function useIncident(room: string, all: readonly ParticipantView[]) {
  const queryClient = useQueryClient();
  const latest = useQuery({
    queryKey: queryKeys.incident(room),
    queryFn: async () => unwrap(await latestIncident({ room })),
    staleTime: 10_000,
    // while it runs (started here or by another moderator) Undo waits for its end: read again until then
    refetchInterval: (query) => (query.state.data?.running ? 2_000 : false),
  });
  const [confirming, setConfirming] = useState<BulkPreview | null>(null);
  const [running, setRunning] = useState<IncidentOutcome['kind'] | null>(null);
  const [outcome, setOutcome] = useState<IncidentOutcome | null>(null);

  const finish = useCallback(
    (kind: IncidentOutcome['kind'], result: ActionResult<IncidentSummary>) => {
      setRunning(null);
      setOutcome(result.ok ? { kind, summary: result.data } : { kind, error: result.error.message });
      void queryClient.invalidateQueries({ queryKey: queryKeys.incident(room) });
    },
    [queryClient, room],
  );

  const ask = useCallback(() => setConfirming(previewBulk('incident', all)), [all]);

  const start = useCallback(
    async (preview: BulkPreview) => {
      setConfirming(null);
      setRunning('incident');
      setOutcome({ kind: 'incident' });
      const targets = preview.targets.map(({ identity, version }) => ({ identity, version: version! }));
      finish('incident', await settled(() => startIncident({ room, targets })));
    },
    [finish, room],
  );

  const undo = useCallback(
    async (incidentId: number) => {
      setRunning('undo');
      setOutcome({ kind: 'undo' });
      finish('undo', await settled(() => undoIncident({ room, incidentId })));
    },
    [finish, room],
  );

  return {
    latest: latest.data ?? null,
    confirming,
    running,
    outcome,
    ask,
    start,
    undo,
    cancel: useCallback(() => setConfirming(null), []),
    closeOutcome: useCallback(() => setOutcome(null), []),
  };
}

export type IncidentState = ReturnType<typeof useIncident>;
