'use client';

import { Button } from '@/components/ui/button';
import { ActionDialog, Dialog } from '@/components/ui/dialog';
import { describeDone, type IncidentParticipantResult } from '@/lib/incident/shared';
import { PreviewList } from '@/components/room/bulk/bulk-preview-list';
import type { IncidentOutcome, IncidentState } from './use-incident';

/** The incident's dialogs, loaded after the room page's first paint (room-console.tsx). */
export function IncidentConfirmDialog({ incident }: { incident: IncidentState }) {
  const preview = incident.confirming;
  return (
    <ActionDialog
      open={preview !== null}
      onClose={incident.cancel}
      title="Incident: quiet the room now"
      wide
      action={{
        label: 'Start incident',
        variant: 'danger',
        autoFocus: true,
        run: async () => {
          if (preview) void incident.start(preview);
          return true;
        },
      }}
    >
      {preview && <PreviewList preview={preview} />}
    </ActionDialog>
  );
}

function ParticipantLine({ result }: { result: IncidentParticipantResult }) {
  const done = describeDone(result);
  const failed = result.parts.filter((part) => !part.ok);
  return (
    <li data-incident-result={result.identity} data-ok={result.ok}>
      <span className="font-medium text-zinc-100">{result.name}</span>
      {done && <span className="text-emerald-300">: {done}</span>}
      {result.error && <span className="text-red-300">: {result.error.message}</span>}
      {failed.map((part) => (
        <span key={`${part.part}:${part.trackSid ?? ''}`} className="block pl-3 text-red-300">
          {part.part}
          {part.trackName ? ` ${part.trackName}` : ''} failed: {part.error?.message}
        </span>
      ))}
      {result.note && <span className="block pl-3 text-amber-300">{result.note}</span>}
    </li>
  );
}

function lockLine(outcome: IncidentOutcome): string | null {
  const lock = outcome.summary?.lock;
  if (!lock) return null;
  if (!lock.ok) return `Room access: ${lock.error?.message ?? 'failed'}`;
  if (lock.before === lock.after) return `Room access: stays ${lock.after}`;
  return `Room access: ${lock.before} → ${lock.after}`;
}

/** The per-participant summary of an incident or of its undo; the incident's offers Undo. */
export function IncidentSummaryDialog({ incident }: { incident: IncidentState }) {
  const { outcome, running } = incident;
  const summary = outcome?.summary;
  const title = outcome?.kind === 'undo' ? 'Undo incident' : 'Incident';
  const lock = outcome && lockLine(outcome);
  return (
    <Dialog
      open={outcome !== null}
      onClose={() => running === null && incident.closeOutcome()}
      title={title}
      wide
      footer={
        <>
          {outcome?.kind === 'incident' && summary && (
            <Button size="md" onClick={() => void incident.undo(summary.incidentId)} disabled={running !== null}>
              Undo incident
            </Button>
          )}
          <Button size="md" onClick={incident.closeOutcome} disabled={running !== null}>
            {running ? 'Working…' : 'Close'}
          </Button>
        </>
      }
    >
      <div className="space-y-3 text-sm" data-incident-summary={outcome?.kind} data-finished={running === null}>
        {running && <p className="text-zinc-300">{running === 'undo' ? 'Restoring what the incident changed…' : 'Quieting the room…'}</p>}
        {outcome?.error && (
          <p role="alert" className="text-red-300">
            {outcome.error}
          </p>
        )}
        {summary && (
          <>
            <p>
              <span data-succeeded={summary.succeeded}>{summary.succeeded} done</span>
              {summary.failed > 0 && (
                <>
                  {' '}
                  · <span className="text-red-300" data-failed={summary.failed}>{summary.failed} not done</span>
                </>
              )}
            </p>
            {lock && (
              <p className={summary.lock.ok ? 'text-zinc-200' : 'text-red-300'} data-incident-lock={summary.lock.ok ? summary.lock.after : 'error'}>
                {lock}
              </p>
            )}
            <ul className="max-h-72 space-y-1 overflow-y-auto rounded border border-zinc-800 bg-zinc-950/50 p-2 text-xs">
              {summary.participants.map((result) => (
                <ParticipantLine key={result.identity} result={result} />
              ))}
            </ul>
          </>
        )}
      </div>
    </Dialog>
  );
}

export function IncidentDialogs({ incident }: { incident: IncidentState }) {
  return (
    <>
      <IncidentConfirmDialog incident={incident} />
      <IncidentSummaryDialog incident={incident} />
    </>
  );
}
