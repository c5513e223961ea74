import 'server-only';
import { DEFAULT_PRESETS, STAGE_PRESETS, type PresetPermission, type StagePreset } from '@/lib/presets/shared';
import { stagePresets, type Database } from '@/lib/db';

export async function loadPresets(db: Database): Promise<Record<StagePreset, PresetPermission>> {
  const rows = await db.select().from(stagePresets);
  const presets = { ...DEFAULT_PRESETS };
  for (const row of rows) {
    if ((STAGE_PRESETS as readonly string[]).includes(row.name)) {
      presets[row.name as StagePreset] = row.permission as PresetPermission;
    }
  }
  return presets;
}

export async function savePresetRow(db: Database, name: StagePreset, permission: PresetPermission, updatedBy: string) {
  await db
    .insert(stagePresets)
    .values({ name, permission, updatedBy, updatedAt: new Date() })
    .onConflictDoUpdate({ target: stagePresets.name, set: { permission, updatedBy, updatedAt: new Date() } });
}
