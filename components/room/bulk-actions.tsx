'use client';

import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ActionDialog, Dialog } from '@/components/ui/dialog';
import { useUndoOffer } from '@/components/use-undo-offer';
import type { BulkItemResult, BulkSummary } from '@/lib/actions/bulk';
import type { ActionResult } from '@/lib/actions/result';

/** Each request carries this many participants, so the bar can show progress on big rooms. */
const CHUNK = 100;

export interface BulkOperation {
  id: string;
  label: string;
  /** participants it applies to, already narrowed to the selection when there is one */
  identities: string[];
  call: (identities: string[]) => Promise<ActionResult<BulkSummary>>;
  confirm?: string;
}

export interface BulkRun {
  label: string;
  done: number;
  total: number;
  finished: boolean;
  results: BulkItemResult[];
  error?: string;
}

/**
 * A chunk's server call as a result, also when the request itself fails (the network, the dashboard
 * restarting): a rejected call must end the run, or its dialog would stay open with no way to close it.
 */
async function callChunk(operation: BulkOperation, chunk: string[]): Promise<ActionResult<BulkSummary>> {
  try {
    return await operation.call(chunk);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'unreachable', message: `The dashboard did not answer: ${reason}` } };
  }
}

export function useBulkRunner() {
  const [run, setRun] = useState<BulkRun | null>(null);
  const offerUndo = useUndoOffer();

  const start = useCallback(async (operation: BulkOperation) => {
    const total = operation.identities.length;
    let current: BulkRun = { label: operation.label, done: 0, total, finished: false, results: [] };
    setRun(current);
    // every chunk's entry, for one Undo of the whole run (also of the chunks done before one failed)
    const auditIds: number[] = [];
    const offer = () => {
      const done = current.results.filter((item) => item.ok).length;
      if (done > 0 && auditIds.length > 0) offerUndo(`${operation.label}: ${done} done`, auditIds);
    };
    for (let offset = 0; offset < total; offset += CHUNK) {
      const chunk = operation.identities.slice(offset, offset + CHUNK);
      const result = await callChunk(operation, chunk);
      if (!result.ok) {
        const left = total - current.done;
        current = { ...current, finished: true, error: `${result.error.message} (${left} not attempted or not confirmed)` };
        setRun(current);
        offer();
        return;
      }
      if (result.auditId !== undefined) auditIds.push(result.auditId);
      current = { ...current, done: current.done + chunk.length, results: [...current.results, ...result.data.results] };
      setRun(current);
    }
    setRun({ ...current, finished: true });
    offer();
  }, [offerUndo]);
  const clear = useCallback(() => setRun(null), []);

  return { run, start, clear };
}

export function BulkBar({
  operations,
  selectedCount,
  onClearSelection,
  busy,
  onStart,
}: {
  operations: BulkOperation[];
  selectedCount: number;
  onClearSelection: () => void;
  busy: boolean;
  onStart: (operation: BulkOperation) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-2" data-bulk-bar>
      <span className="text-xs text-zinc-400">
        {selectedCount > 0 ? (
          <>
            <strong className="text-zinc-100">{selectedCount}</strong> selected ·{' '}
            <button type="button" className="underline hover:text-zinc-200" onClick={onClearSelection}>
              clear
            </button>
          </>
        ) : (
          'Bulk (all shown):'
        )}
      </span>
      {operations.map((operation) => (
        <Button
          key={operation.id}
          variant={operation.confirm ? 'danger' : 'secondary'}
          disabled={busy || operation.identities.length === 0}
          onClick={() => onStart(operation)}
          title={`${operation.identities.length} participant(s)`}
        >
          {operation.label} <span className="tabular-nums opacity-70">({operation.identities.length})</span>
        </Button>
      ))}
    </div>
  );
}

export function BulkConfirmDialog({
  operation,
  onConfirm,
  onClose,
}: {
  operation: BulkOperation | null;
  onConfirm: (operation: BulkOperation) => void;
  onClose: () => void;
}) {
  return (
    <ActionDialog
      open={operation !== null}
      onClose={onClose}
      title={operation?.label ?? ''}
      action={{
        label: operation?.label,
        variant: 'danger',
        autoFocus: true,
        run: async () => {
          if (operation) onConfirm(operation);
          return true;
        },
      }}
    >
      <p className="text-sm text-zinc-300">{operation?.confirm}</p>
    </ActionDialog>
  );
}

export function BulkProgressDialog({ run, onClose }: { run: BulkRun | null; onClose: () => void }) {
  const failed = run?.results.filter((result) => !result.ok) ?? [];
  const succeeded = (run?.results.length ?? 0) - failed.length;
  const percent = run && run.total > 0 ? Math.round((run.done / run.total) * 100) : 100;
  return (
    <Dialog
      open={run !== null}
      onClose={() => run?.finished && onClose()}
      title={run?.label ?? ''}
      footer={
        <Button size="md" onClick={onClose} disabled={!run?.finished}>
          {run?.finished ? 'Close' : 'Working…'}
        </Button>
      }
    >
      {run && (
        <div className="space-y-3 text-sm" data-bulk-summary data-finished={run.finished}>
          <div className="h-2 overflow-hidden rounded bg-zinc-800" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100}>
            <div className="h-full bg-indigo-500 transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <p>
            {run.done} of {run.total} participants processed · <span data-succeeded={succeeded}>{succeeded} done</span>
            {failed.length > 0 && (
              <>
                {' '}
                · <span className="text-red-300" data-failed={failed.length}>{failed.length} failed</span>
              </>
            )}
          </p>
          {run.error && <p role="alert" className="text-red-300">{run.error}</p>}
          {failed.length > 0 && (
            <ul className="max-h-48 space-y-1 overflow-y-auto rounded border border-red-900/60 bg-red-950/30 p-2 text-xs">
              {failed.map((result) => (
                <li key={`${result.identity}:${result.trackSid ?? ''}`}>
                  <span className="font-mono">{result.identity}</span>
                  {result.trackSid && <span className="font-mono text-zinc-500"> {result.trackSid}</span>}: {result.error?.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}
