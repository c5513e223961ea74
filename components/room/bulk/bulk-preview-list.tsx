'use client';

import { describeChange, type BulkPreview } from '@/lib/bulk/shared';

/** The confirmation names this many participants; a scrolling list of thousands would only hide the summary. */
const LISTED = 200;

/** Who the operation affects and how, as the table showed them when the moderator clicked. */
export function PreviewList({ preview }: { preview: BulkPreview }) {
  const shown = preview.changes.slice(0, LISTED);
  return (
    <div className="space-y-3 text-sm" data-bulk-preview={preview.kind} data-targets={preview.targets.length}>
      {preview.targets.length === 0 ? (
        <p className="text-zinc-300">Nobody in the table is affected any more.</p>
      ) : (
        <ul className="list-disc space-y-0.5 pl-5 text-zinc-100" data-preview-summary>
          {preview.summary.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
      {shown.length > 0 && (
        <ul className="max-h-56 space-y-0.5 overflow-y-auto rounded border border-zinc-800 bg-zinc-950/50 p-2 text-xs" aria-label="Affected participants">
          {shown.map((change) => (
            <li key={change.identity} data-preview-identity={change.identity}>
              <span className="font-medium text-zinc-100">{change.name}</span>
              <span className="text-zinc-400"> ({change.role})</span>: {describeChange(change)}
            </li>
          ))}
          {preview.changes.length > shown.length && <li className="text-zinc-400">and {preview.changes.length - shown.length} more</li>}
        </ul>
      )}
      {preview.untouched.length > 0 && (
        <p className="text-xs text-zinc-400" data-preview-untouched>
          Left alone as hosts: {preview.untouched.map((entry) => entry.name).join(', ')}
        </p>
      )}
      <p className="text-xs text-zinc-400">
        Applies to exactly these participants: anyone who joins meanwhile is not touched, and anyone whose state changes
        before it reaches them is reported and left as they are.
      </p>
    </div>
  );
}
