'use client';

import { useCallback, useState } from 'react';
import { Button } from '@/components/ui/button';
import { ActionDialog, Dialog } from '@/components/ui/dialog';
import { useUndoOffer } from '@/components/use-undo-offer';
import type { BulkItemResult, BulkSummary } from '@/lib/bulk/shared';
import type { ActionResult } from '@/lib/actions/result';
import type { BulkKind, BulkPreview, BulkTarget } from '@/lib/bulk/shared';
import { PreviewList } from './bulk-preview-list';

/** Each request carries this many participants, so the bar can show progress on big rooms. */
const CHUNK = 100;

export interface BulkOperation {
  id: string;
  kind: BulkKind;
  label: string;
  /** how many it applies to in the table now, for the button */
  count: number;
  /** sends exactly the previewed participants, each with the version the preview showed */
  call: (targets: BulkTarget[]) => Promise<ActionResult<BulkSummary>>;
}

/** An operation with the preview its confirmation showed: what is sent is what was shown. */
export interface PreviewedOperation {
  operation: BulkOperation;
  preview: BulkPreview;
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
async function callChunk(operation: BulkOperation, chunk: BulkTarget[]): Promise<ActionResult<BulkSummary>> {
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

  const start = useCallback(async ({ operation, preview }: PreviewedOperation) => {
    const total = preview.targets.length;
    let current: BulkRun = { label: operation.label, done: 0, total, finished: false, results: [] };
    setRun(current);
    // every chunk's entry, for one Undo of the whole run (also of the chunks done before one failed)
    const auditIds: number[] = [];
    const offer = () => {
      const done = current.results.filter((item) => item.ok).length;
      if (done > 0 && auditIds.length > 0) offerUndo(`${operation.label}: ${done} done`, auditIds);
    };
    for (let offset = 0; offset < total; offset += CHUNK) {
      const chunk = preview.targets.slice(offset, offset + CHUNK);
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
          variant={operation.kind === 'remove' ? 'danger' : 'secondary'}
          disabled={busy || operation.count === 0}
          onClick={() => onStart(operation)}
          title={`${operation.count} participant(s); you see who before confirming`}
        >
          {operation.label} <span className="tabular-nums opacity-70">({operation.count})</span>
        </Button>
      ))}
    </div>
  );
}

export function BulkConfirmDialog({
  previewed,
  onConfirm,
  onClose,
}: {
  previewed: PreviewedOperation | null;
  onConfirm: (previewed: PreviewedOperation) => void;
  onClose: () => void;
}) {
  const preview = previewed?.preview;
  return (
    <ActionDialog
      open={previewed !== null}
      onClose={onClose}
      title={previewed?.operation.label ?? ''}
      wide
      action={{
        label: previewed?.operation.label,
        variant: 'danger',
        autoFocus: true,
        blocked: !preview || preview.targets.length === 0,
        run: async () => {
          if (previewed) onConfirm(previewed);
          return true;
        },
      }}
    >
      {preview && <PreviewList preview={preview} />}
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
                  {result.trackSid && <span className="font-mono text-zinc-400"> {result.trackSid}</span>}: {result.error?.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </Dialog>
  );
}
