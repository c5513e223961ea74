'use client';

import { useMemo, useState } from 'react';
import { versionOf } from '@/lib/actions/versions';
import { byteLength, parseMetadata, prettyMetadata } from '@/lib/format';
import { compactJson } from '@/lib/json-text';
import type { ParticipantView } from '@/lib/livekit/types';
import { EditorForm, useConflictingSave } from './edit-form';
import type { EditHandlers } from './use-edit-handlers';

const EMPTY_JSON = '{\n  \n}';

const shown = (metadata: string) => (parseMetadata(metadata).kind === 'empty' ? EMPTY_JSON : prettyMetadata(metadata));

/**
 * Until the moderator types, the editor shows the participant's metadata as it is now; from the
 * first keystroke it keeps their text and the metadata it started from. JSON is checked with
 * JSON.parse but sent as written (compacted token by token), so no number is rounded.
 */
export function MetadataTab({ participant, maxBytes, save }: { participant: ParticipantView; maxBytes: number; save: EditHandlers['saveMetadata'] }) {
  const [mode, setMode] = useState<'json' | 'text'>(() => (parseMetadata(participant.metadata).kind === 'text' ? 'text' : 'json'));
  const [draft, setDraft] = useState<{ text: string; base: string } | null>(null);
  const text = draft?.text ?? shown(participant.metadata);
  const unchanged = draft === null || draft.text === shown(draft.base);

  const problem = useMemo(() => {
    if (text.trim() === '') return 'Metadata cannot be empty: LiveKit ignores an empty update. Use {} to clear JSON metadata.';
    if (mode === 'json') {
      try {
        JSON.parse(text);
      } catch (error) {
        return `Invalid JSON: ${(error as Error).message}`;
      }
    }
    return null;
  }, [text, mode]);
  const outgoing = problem === null && mode === 'json' ? compactJson(text) : text;
  const bytes = byteLength(outgoing);
  const blocking = problem ?? (bytes > maxBytes ? `Too large: ${bytes.toLocaleString('en-US')} bytes; the limit is ${maxBytes.toLocaleString('en-US')}.` : null);

  const { conflicts, save: saveDraft, applyMineOnTop, clearConflicts } = useConflictingSave(
    async (onTopOf) => {
      const base = onTopOf.length > 0 ? String(onTopOf[0]!.current) : draft!.base;
      if (onTopOf.length > 0) setDraft({ text: draft!.text, base });
      return save(participant, outgoing, versionOf(base));
    },
    () => setDraft(null),
  );

  return (
    <EditorForm
      save={saveDraft}
      saveLabel="Save metadata"
      problem={blocking}
      unchanged={unchanged}
      conflict={
        conflicts && {
          rows: conflicts.map((conflict) => ({ label: 'Metadata', theirs: shown(String(conflict.current)), yours: text })),
          applyMineOnTop,
          dropMine: () => {
            clearConflicts();
            setDraft(null);
          },
        }
      }
    >
      <div className="flex items-center justify-between text-xs text-zinc-400">
        <div className="flex gap-3">
          {(['json', 'text'] as const).map((value) => (
            <label key={value} className="flex items-center gap-1.5">
              <input type="radio" name="metadata-mode" checked={mode === value} onChange={() => setMode(value)} />
              {value === 'json' ? 'JSON' : 'Plain text'}
            </label>
          ))}
        </div>
        <span data-metadata-bytes className={bytes > maxBytes ? 'text-red-400' : ''}>
          {bytes.toLocaleString('en-US')} / {maxBytes.toLocaleString('en-US')} bytes
        </span>
      </div>
      <textarea
        aria-label="Metadata"
        value={text}
        onChange={(event) => setDraft({ text: event.target.value, base: draft?.base ?? participant.metadata })}
        spellCheck={false}
        rows={12}
        className={`w-full rounded-md border bg-zinc-950 p-3 font-mono text-xs text-zinc-100 outline-none focus:ring-2 ${
          blocking ? 'border-red-700 focus:ring-red-600/50' : 'border-zinc-700 focus:ring-indigo-500/50'
        }`}
      />
    </EditorForm>
  );
}
