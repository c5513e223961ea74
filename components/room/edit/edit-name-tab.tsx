'use client';

import { useState } from 'react';
import { versionOf } from '@/lib/actions/versions';
import type { ParticipantView } from '@/lib/livekit/types';
import { EditorForm, useConflictingSave } from './edit-form';
import type { EditHandlers } from './use-edit-handlers';

/** The live name until the moderator types; then their text and the name it started from. */
export function NameTab({ participant, save }: { participant: ParticipantView; save: EditHandlers['saveName'] }) {
  const [draft, setDraft] = useState<{ name: string; base: string } | null>(null);
  const name = draft?.name ?? participant.name;
  const trimmed = name.trim();
  const problem = trimmed === '' ? 'The name cannot be empty.' : trimmed.length > 256 ? 'At most 256 characters.' : null;

  const { conflicts, save: saveDraft, applyMineOnTop, clearConflicts } = useConflictingSave(
    async (onTopOf) => {
      const base = onTopOf.length > 0 ? String(onTopOf[0]!.current) : draft!.base;
      if (onTopOf.length > 0) setDraft({ name, base });
      return save(participant, trimmed, versionOf(base));
    },
    () => setDraft(null),
  );

  return (
    <EditorForm
      save={saveDraft}
      saveLabel="Rename"
      problem={problem}
      unchanged={draft === null || trimmed === draft.base}
      conflict={
        conflicts && {
          rows: conflicts.map((conflict) => ({ label: 'Name', theirs: String(conflict.current), yours: trimmed })),
          applyMineOnTop,
          dropMine: () => {
            clearConflicts();
            setDraft(null);
          },
        }
      }
    >
      <input
        aria-label="Display name"
        value={name}
        onChange={(event) => setDraft({ name: event.target.value, base: draft?.base ?? participant.name })}
        className="w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 text-sm"
      />
    </EditorForm>
  );
}
