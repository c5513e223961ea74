'use server';

import { z } from 'zod';
import { database } from '@/lib/db';
import { loadPresets, presetEditor, savePresetRow } from '@/lib/presets/store';
import { withLock } from '@/lib/db/locks';
import { TRACK_SOURCES } from '@/lib/livekit/types';
import { ActionRefusal, defineAction } from '@/lib/actions/define-action';
import { version } from '@/lib/actions/schemas';
import { PRESET_LABELS, presetVersion, STAGE_PRESETS } from './shared';

export const listPresets = defineAction({
  name: 'presets.list',
  access: 'read',
  input: z.strictObject({}).optional(),
  run: async () => loadPresets(await database()),
});

export const savePreset = defineAction({
  name: 'presets.save',
  access: 'admin',
  input: z.strictObject({
    preset: z.enum(STAGE_PRESETS),
    permission: z.strictObject({
      canSubscribe: z.boolean(),
      canPublish: z.boolean(),
      canPublishData: z.boolean(),
      canPublishSources: z.array(z.enum(TRACK_SOURCES)).max(TRACK_SOURCES.length),
      canUpdateMetadata: z.boolean().nullable(),
    }),
    /** presetVersion of the preset as the admin's editor opened it: a save over another admin's is refused */
    basedOn: version,
  }),
  snapshot: async ({ preset }) => (await loadPresets(await database()))[preset],
  resultIsAfter: true,
  undoable: true,
  // the lock restore of a preset (undo) takes too: the check and the write are one step
  run: async ({ preset, permission, basedOn }, { actor }) =>
    withLock(`preset:${preset}`, async () => {
      const db = await database();
      const current = (await loadPresets(db))[preset];
      if (presetVersion(current) !== basedOn) {
        const by = (await presetEditor(db, preset)) ?? 'another admin';
        throw new ActionRefusal({
          code: 'conflict',
          message: `The ${PRESET_LABELS[preset]} preset was edited by ${by} since you opened it; reload it and save again`,
          conflicts: [{ field: 'preset', current, version: presetVersion(current) }],
        });
      }
      await savePresetRow(db, preset, permission, actor.email);
      return (await loadPresets(db))[preset];
    }),
});
