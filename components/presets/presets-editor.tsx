'use client';

import { useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toaster';
import { useUndoOffer } from '@/components/use-undo-offer';
import { savePreset } from '@/lib/presets/actions';
import { PRESET_LABELS, presetVersion, STAGE_PRESETS, type PresetPermission, type StagePreset } from '@/lib/presets/shared';
import { TRACK_SOURCES, withSourceToggled } from '@/lib/livekit/types';

const FLAGS = [
  { key: 'canSubscribe', label: 'Subscribe' },
  { key: 'canPublish', label: 'Publish' },
  { key: 'canPublishData', label: 'Publish data' },
] as const;

export function PresetsEditor({ initial }: { initial: Record<StagePreset, PresetPermission> }) {
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold">Permission presets</h1>
      <p className="mb-4 max-w-3xl text-sm text-zinc-400">
        Promote applies Speaker, Demote applies Audience, and any preset can be applied from a participant&apos;s Edit dialog.
        A preset sets these fields over the participant&apos;s current permission; whether they stay hidden is never changed.
      </p>
      <div className="grid gap-4 md:grid-cols-3">
        {STAGE_PRESETS.map((preset) => (
          <PresetCard key={preset} preset={preset} initial={initial[preset]} />
        ))}
      </div>
    </>
  );
}

function PresetCard({ preset, initial }: { preset: StagePreset; initial: PresetPermission }) {
  const [permission, setPermission] = useState(initial);
  const [saving, setSaving] = useState(false);
  const saved = useRef(initial);
  const toast = useToast();
  const offerUndo = useUndoOffer();
  const save = async () => {
    setSaving(true);
    const result = await savePreset({ preset, permission, basedOn: presetVersion(saved.current) });
    setSaving(false);
    const previous = saved.current;
    if (result.ok) saved.current = result.data;
    const undone = () => {
      saved.current = previous;
      setPermission(previous);
    };
    if (result.ok) offerUndo(`Saved the ${PRESET_LABELS[preset]} preset`, result.auditId === undefined ? [] : [result.auditId], undone);
    else toast({ kind: 'error', title: `Could not save the ${PRESET_LABELS[preset]} preset`, description: result.error.message });
  };
  return (
    <section className="rounded-lg border border-zinc-800 p-4" data-preset={preset} aria-label={`${PRESET_LABELS[preset]} preset`}>
      <h2 className="mb-3 font-semibold">{PRESET_LABELS[preset]}</h2>
      <div className="space-y-2 text-sm">
        {FLAGS.map(({ key, label }) => (
          <label key={key} className="flex items-center gap-2">
            <input type="checkbox" checked={permission[key]} onChange={(event) => setPermission({ ...permission, [key]: event.target.checked })} />
            {label}
          </label>
        ))}
        <label className="flex items-center gap-2">
          <span>Update own metadata</span>
          <select
            aria-label={`${PRESET_LABELS[preset]}: update own metadata`}
            value={permission.canUpdateMetadata === null ? 'keep' : String(permission.canUpdateMetadata)}
            onChange={(event) =>
              setPermission({ ...permission, canUpdateMetadata: event.target.value === 'keep' ? null : event.target.value === 'true' })
            }
            className="h-7 rounded border border-zinc-700 bg-zinc-950 px-1 text-xs"
          >
            <option value="keep">keep as it is</option>
            <option value="true">allow</option>
            <option value="false">deny</option>
          </select>
        </label>
        <fieldset className="rounded border border-zinc-800 p-2" disabled={!permission.canPublish}>
          <legend className="px-1 text-xs text-zinc-400">Sources (none = all)</legend>
          {TRACK_SOURCES.map((source) => (
            <label key={source} className="mr-3 inline-flex min-h-6 items-center gap-1.5 text-xs">
              <input
                type="checkbox"
                aria-label={`${PRESET_LABELS[preset]}: ${source}`}
                checked={permission.canPublishSources.includes(source)}
                onChange={() => setPermission(withSourceToggled(permission, source))}
              />
              {source.replaceAll('_', ' ')}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="mt-3 flex justify-end">
        <Button variant="primary" pending={saving} onClick={() => void save()}>
          Save {PRESET_LABELS[preset]}
        </Button>
      </div>
    </section>
  );
}
