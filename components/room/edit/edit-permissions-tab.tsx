'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { PRESET_LABELS, STAGE_PRESETS } from '@/lib/presets/shared';
import { permissionFieldVersion, type PermissionField } from '@/lib/actions/versions';
import { TRACK_SOURCES, withSourceToggled, type ParticipantView, type PermissionView } from '@/lib/livekit/types';
import { EditorForm, useConflictingSave } from './edit-form';
import type { EditHandlers } from './use-edit-handlers';

const FLAGS: Array<{ key: Exclude<PermissionField, 'canPublishSources'>; label: string; hint: string }> = [
  { key: 'canSubscribe', label: 'Subscribe', hint: 'hear and see others' },
  { key: 'canPublish', label: 'Publish', hint: 'speak or share; off unpublishes their tracks' },
  { key: 'canPublishData', label: 'Publish data', hint: 'chat and data messages' },
  { key: 'canUpdateMetadata', label: 'Update own metadata', hint: 'e.g. raise a hand' },
  { key: 'hidden', label: 'Hidden', hint: 'invisible to other participants' },
];

type Drafts = Partial<{ [F in PermissionField]: { value: PermissionView[F]; base: PermissionView[F] } }>;

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b) ? [...a].sort().join() === [...b].sort().join() : a === b;

const describe = (value: unknown) => (Array.isArray(value) ? (value.length === 0 ? 'all sources' : value.join(', ')) : value ? 'on' : 'off');

/**
 * Boxes the moderator did not touch follow the live permission; a save sends only the fields they
 * changed, each with the value it started from, and the server lays them over the permission as it is.
 */
export function PermissionsTab({
  participant,
  save,
  applyPreset,
}: {
  participant: ParticipantView;
  save: EditHandlers['savePermissions'];
  applyPreset: EditHandlers['applyPreset'];
}) {
  const [drafts, setDrafts] = useState<Drafts>({});
  const live = participant.permission;
  const shown = { ...live, ...Object.fromEntries(Object.entries(drafts).map(([field, draft]) => [field, draft.value])) } as PermissionView;

  const edit = <F extends PermissionField>(field: F, value: PermissionView[F]) => {
    const base = drafts[field]?.base ?? live[field];
    const { [field]: _previous, ...rest } = drafts;
    setDrafts(sameValue(value, base) ? rest : { ...rest, [field]: { value, base } });
  };

  const { conflicts, save: saveDrafts, applyMineOnTop, clearConflicts } = useConflictingSave(
    async (onTopOf) => {
      const next: Drafts = { ...drafts };
      for (const conflict of onTopOf) {
        const field = conflict.field.slice('permission.'.length) as PermissionField;
        const draft = next[field];
        if (draft) next[field] = { ...draft, base: conflict.current } as never;
      }
      setDrafts(next);
      const entries = Object.entries(next) as Array<[PermissionField, { value: never; base: never }]>;
      return save(
        participant,
        Object.fromEntries(entries.map(([field, draft]) => [field, draft.value])),
        Object.fromEntries(entries.map(([field, draft]) => [field, permissionFieldVersion(field, draft.base)])),
      );
    },
    () => setDrafts({}),
  );

  return (
    <>
      <div className="mb-4 flex items-center gap-2 text-sm">
        <span className="text-xs text-zinc-400">Apply a preset:</span>
        {STAGE_PRESETS.map((preset) => (
          <Button key={preset} onClick={() => void applyPreset(participant, preset)}>
            {PRESET_LABELS[preset]}
          </Button>
        ))}
      </div>
      <EditorForm
        save={saveDrafts}
        saveLabel="Save permissions"
        unchanged={Object.keys(drafts).length === 0}
        conflict={
          conflicts && {
            rows: conflicts.map((conflict) => {
              const field = conflict.field.slice('permission.'.length) as PermissionField;
              return { label: field, theirs: describe(conflict.current), yours: describe(shown[field]) };
            }),
            applyMineOnTop,
            dropMine: () => {
              const dropped = new Set(conflicts.map((conflict) => conflict.field.slice('permission.'.length)));
              setDrafts(Object.fromEntries(Object.entries(drafts).filter(([field]) => !dropped.has(field))) as Drafts);
              clearConflicts();
            },
          }
        }
      >
        {FLAGS.map(({ key, label, hint }) => (
          <label key={key} className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={shown[key]} onChange={(event) => edit(key, event.target.checked)} />
            <span>
              {label} <span className="text-xs text-zinc-400">— {hint}</span>
            </span>
          </label>
        ))}
        <fieldset className="rounded-md border border-zinc-800 p-3" disabled={!shown.canPublish}>
          <legend className="px-1 text-xs text-zinc-400">Allowed sources (none checked = all)</legend>
          <div className="flex flex-wrap gap-4">
            {TRACK_SOURCES.map((source) => (
              <label key={source} className="flex items-center gap-1.5 text-sm">
                <input
                  type="checkbox"
                  checked={shown.canPublishSources.includes(source)}
                  onChange={() => edit('canPublishSources', withSourceToggled(shown, source).canPublishSources)}
                />
                {source.replaceAll('_', ' ')}
              </label>
            ))}
          </div>
        </fieldset>
      </EditorForm>
    </>
  );
}
