'use server';

import { z } from 'zod';
import { database } from '@/lib/db';
import { loadPresets, savePresetRow } from '@/lib/presets/store';
import { TRACK_SOURCES } from '@/lib/livekit/types';
import { defineAction } from '@/lib/actions/define-action';
import { STAGE_PRESETS } from './shared';

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
  }),
  snapshot: async ({ preset }) => (await loadPresets(await database()))[preset],
  resultIsAfter: true,
  undoable: true,
  run: async ({ preset, permission }, { actor }) => {
    const db = await database();
    await savePresetRow(db, preset, permission, actor.email);
    return (await loadPresets(db))[preset];
  },
});
