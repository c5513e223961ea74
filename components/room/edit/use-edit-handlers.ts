'use client';

import { useMemo } from 'react';
import {
  applyStagePreset,
  setPermissions,
  updateAttributes,
  updateMetadata,
  updateName,
} from '@/lib/participants/actions';
import { PRESET_LABELS, type StagePreset } from '@/lib/presets/shared';
import type { ActionResult, FieldConflict } from '@/lib/actions/result';
import type { PermissionField } from '@/lib/actions/versions';
import type { ParticipantView, PermissionView } from '@/lib/livekit/types';
import type { AttributeChange } from './attribute-draft';
import type { SaveOutcome } from './edit-form';
import { displayName, upsert, type ModerationStep, type RunStep as Run } from '@/components/room/participants/use-moderation';

export interface EditHandlers {
  saveMetadata: (participant: ParticipantView, metadata: string, basedOn: string) => Promise<SaveOutcome>;
  saveAttributes: (participant: ParticipantView, change: AttributeChange) => Promise<SaveOutcome>;
  saveName: (participant: ParticipantView, name: string, basedOn: string) => Promise<SaveOutcome>;
  savePermissions: (
    participant: ParticipantView,
    permission: Partial<PermissionView>,
    basedOn: Partial<Record<PermissionField, string>>,
  ) => Promise<SaveOutcome>;
  applyPreset: (participant: ParticipantView, preset: StagePreset) => Promise<boolean>;
}

/** Runs a save as a moderation step, keeping the conflicts a refusal carries for the dialog's conflict view. */
async function saveStep(run: Run, step: ModerationStep<ParticipantView>): Promise<SaveOutcome> {
  let conflicts: FieldConflict[] = [];
  const call = async (): Promise<ActionResult<ParticipantView>> => {
    const result = await step.call();
    if (!result.ok && result.error.code === 'conflict') conflicts = result.error.conflicts ?? [];
    return result;
  };
  return (await run({ ...step, call })) ? { ok: true } : { ok: false, conflicts };
}

/** The edit dialog's saves: each sends only what changed, with the versions it started from. */
export function useEditHandlers(room: string, run: Run): EditHandlers {
  return useMemo(
    () => ({
      saveMetadata: (p, metadata, basedOn) =>
        saveStep(run, {
          key: `edit:${p.identity}`,
          call: () => updateMetadata({ room, identity: p.identity, metadata, basedOn }),
          success: `Saved ${displayName(p)}'s metadata`,
          failure: `Could not save ${displayName(p)}'s metadata`,
          patch: upsert,
        }),
      saveAttributes: (p, change) =>
        saveStep(run, {
          key: `edit:${p.identity}`,
          call: () => updateAttributes({ room, identity: p.identity, ...change }),
          success: `Saved ${displayName(p)}'s attributes`,
          failure: `Could not save ${displayName(p)}'s attributes`,
          patch: upsert,
        }),
      saveName: (p, name, basedOn) =>
        saveStep(run, {
          key: `edit:${p.identity}`,
          call: () => updateName({ room, identity: p.identity, name, basedOn }),
          success: `Renamed ${p.identity} to ${name}`,
          failure: `Could not rename ${displayName(p)}`,
          patch: upsert,
        }),
      savePermissions: (p, permission, basedOn) =>
        saveStep(run, {
          key: `edit:${p.identity}`,
          call: () => setPermissions({ room, identity: p.identity, permission, basedOn }),
          success: `Saved ${displayName(p)}'s permissions`,
          failure: `Could not save ${displayName(p)}'s permissions`,
          patch: upsert,
        }),
      applyPreset: (p, preset) =>
        run({
          key: `edit:${p.identity}`,
          call: () => applyStagePreset({ room, identity: p.identity, preset }),
          success: `Applied the ${PRESET_LABELS[preset]} preset to ${displayName(p)}`,
          failure: `Could not apply the ${PRESET_LABELS[preset]} preset to ${displayName(p)}`,
          patch: upsert,
        }),
    }),
    [room, run],
  );
}
