'use client';

import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { usePendingSubmit } from '@/components/ui/dialog';
import type { FieldConflict } from '@/lib/actions/result';

/** What a save came back with: saved, or refused (with the fields someone else changed meanwhile, if that was why). */
export type SaveOutcome = { ok: true } | { ok: false; conflicts: FieldConflict[] };

export interface ConflictRow {
  label: string;
  theirs: string;
  yours: string;
}

/**
 * The save of one tab, and the conflict it may come back with. `send` gets the conflicts being
 * applied on top of ("Apply mine on top"), or none for a plain save.
 */
export function useConflictingSave(send: (onTopOf: FieldConflict[]) => Promise<SaveOutcome>, onSaved: () => void) {
  const [conflicts, setConflicts] = useState<FieldConflict[] | null>(null);
  const attempt = async (onTopOf: FieldConflict[] = []) => {
    const outcome = await send(onTopOf);
    if (outcome.ok) {
      setConflicts(null);
      onSaved();
    } else if (outcome.conflicts.length > 0) {
      setConflicts(outcome.conflicts);
    }
    return outcome.ok;
  };
  return { conflicts, save: () => attempt(), applyMineOnTop: () => attempt(conflicts ?? []), clearConflicts: () => setConflicts(null) };
}

/** Theirs (the value now) next to yours, with the two ways on. */
function ConflictView({
  rows,
  applyMineOnTop,
  dropMine,
}: {
  rows: ConflictRow[];
  applyMineOnTop: () => Promise<boolean>;
  dropMine: () => void;
}) {
  const { pending, submit } = usePendingSubmit();
  return (
    <div role="alert" data-conflict className="space-y-2 rounded-md border border-amber-700/70 bg-amber-950/40 p-3 text-xs">
      <p className="text-amber-200">Someone else changed this since you started editing. Nothing was saved.</p>
      <table className="w-full table-fixed">
        <thead className="text-left text-zinc-400">
          <tr>
            <th className="w-1/5 font-normal" />
            <th className="font-normal">Theirs (now)</th>
            <th className="font-normal">Yours</th>
          </tr>
        </thead>
        <tbody className="align-top font-mono">
          {rows.map((row) => (
            <tr key={row.label} data-conflict-field={row.label}>
              <td className="pr-2 font-sans text-zinc-300">{row.label}</td>
              <td data-theirs className="pr-2 break-all whitespace-pre-wrap text-zinc-100">{row.theirs}</td>
              <td data-yours className="break-all whitespace-pre-wrap text-zinc-100">{row.yours}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex justify-end gap-2">
        <Button onClick={dropMine} disabled={pending}>
          Drop mine
        </Button>
        <Button variant="primary" pending={pending} onClick={() => void submit(applyMineOnTop)}>
          Apply mine on top
        </Button>
      </div>
    </div>
  );
}

/** One tab of the editor: its fields, the problem that blocks saving (if any), a conflict, and the save button. */
export function EditorForm({
  save,
  saveLabel,
  problem = null,
  unchanged = false,
  conflict,
  secondary,
  children,
}: {
  save: () => Promise<boolean>;
  saveLabel: string;
  problem?: string | null;
  /** nothing to save: the button stays disabled */
  unchanged?: boolean;
  conflict?: { rows: ConflictRow[]; applyMineOnTop: () => Promise<boolean>; dropMine: () => void } | null;
  /** another button, on the left of the save button */
  secondary?: ReactNode;
  children: ReactNode;
}) {
  const { pending, submit } = usePendingSubmit();
  const blocked = problem !== null || unchanged || Boolean(conflict);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!blocked) void submit(save);
      }}
      className="space-y-3"
    >
      {children}
      {problem && (
        <p role="alert" data-editor-error className="text-xs text-red-400">
          {problem}
        </p>
      )}
      {conflict && <ConflictView {...conflict} />}
      <div className={`flex items-center ${secondary ? 'justify-between' : 'justify-end'}`}>
        {secondary}
        {!conflict && (
          <Button type="submit" variant="primary" size="md" pending={pending} disabled={blocked}>
            {saveLabel}
          </Button>
        )}
      </div>
    </form>
  );
}
