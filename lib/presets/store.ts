import 'server-only';
import { DEFAULT_PRESETS, STAGE_PRESETS, type PresetPermission, type StagePreset } from '@/lib/presets/shared';
import { eq } from 'drizzle-orm';
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

/** Who saved the stored preset last; null for a default never saved. */
export async function presetEditor(db: Database, name: StagePreset): Promise<string | null> {
  const [row] = await db.select({ updatedBy: stagePresets.updatedBy }).from(stagePresets).where(eq(stagePresets.name, name));
  return row?.updatedBy ?? null;
}
