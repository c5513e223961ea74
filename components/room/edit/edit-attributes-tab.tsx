'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import type { ParticipantView } from '@/lib/livekit/types';
import {
  addRow,
  attributeChange,
  attributeProblem,
  attributeRows,
  dropAttributes,
  editRow,
  EMPTY_ATTRIBUTE_DRAFT,
  isUnchanged,
  rebaseAttributes,
  removeRow,
} from './attribute-draft';
import { EditorForm, useConflictingSave } from './edit-form';
import type { EditHandlers } from './use-edit-handlers';

/** Rows nobody touched show the live attributes; a save sends only the keys the moderator changed. */
export function AttributesTab({ participant, save }: { participant: ParticipantView; save: EditHandlers['saveAttributes'] }) {
  const [draft, setDraft] = useState(EMPTY_ATTRIBUTE_DRAFT);
  const live = participant.attributes;
  const rows = attributeRows(live, draft);
  const change = attributeChange(draft);

  const { conflicts, save: saveDraft, applyMineOnTop, clearConflicts } = useConflictingSave(
    async (onTopOf) => {
      const onTop = rebaseAttributes(draft, onTopOf);
      setDraft(onTop);
      return save(participant, attributeChange(onTop));
    },
    () => setDraft(EMPTY_ATTRIBUTE_DRAFT),
  );

  const yours = (key: string) => (Object.hasOwn(change.set, key) ? change.set[key]! : '(removed)');
  return (
    <EditorForm
      save={saveDraft}
      saveLabel="Save attributes"
      problem={attributeProblem(rows)}
      unchanged={isUnchanged(draft)}
      conflict={
        conflicts && {
          rows: conflicts.map((conflict) => {
            const key = conflict.field.slice('attributes.'.length);
            return { label: key, theirs: String(conflict.current) || '(none)', yours: yours(key) };
          }),
          applyMineOnTop,
          dropMine: () => {
            setDraft(dropAttributes(draft, conflicts));
            clearConflicts();
          },
        }
      }
      secondary={<Button onClick={() => setDraft(addRow(draft))}>Add attribute</Button>}
    >
      {rows.length === 0 && <p className="text-sm text-zinc-400">No attributes.</p>}
      {rows.map((row) => (
        <div key={row.id} className="flex gap-2" data-attribute-row={row.key}>
          <input
            aria-label="Attribute key"
            value={row.key}
            onChange={(event) => setDraft(editRow(draft, live, row, { key: event.target.value }))}
            className="w-2/5 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-xs"
          />
          <input
            aria-label="Attribute value"
            value={row.value}
            onChange={(event) => setDraft(editRow(draft, live, row, { value: event.target.value }))}
            className="flex-1 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-xs"
          />
          <Button variant="ghost" onClick={() => setDraft(removeRow(draft, live, row))} aria-label={`Remove ${row.key || 'row'}`}>
            ✕
          </Button>
        </div>
      ))}
    </EditorForm>
  );
}
