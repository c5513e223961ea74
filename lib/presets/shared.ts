import type { PermissionView, TrackSourceName } from '@/lib/livekit/types';
import { versionOf } from '@/lib/actions/versions';

export const STAGE_PRESETS = ['audience', 'speaker', 'cohost'] as const;
export type StagePreset = (typeof STAGE_PRESETS)[number];

/** The stage fields a preset sets; `hidden` always stays as it is, `canUpdateMetadata` too when null. */
export interface PresetPermission {
  canSubscribe: boolean;
  canPublish: boolean;
  canPublishData: boolean;
  canPublishSources: TrackSourceName[];
  canUpdateMetadata: boolean | null;
}

export const DEFAULT_PRESETS: Record<StagePreset, PresetPermission> = {
  // as the token endpoint's audience grant (lib/livekit/tokens.ts): no data, which is the stage's and Stagekeeper's notices'
  audience: { canSubscribe: true, canPublish: false, canPublishData: false, canPublishSources: [], canUpdateMetadata: null },
  speaker: {
    canSubscribe: true,
    canPublish: true,
    canPublishData: true,
    canPublishSources: ['microphone', 'camera'],
    canUpdateMetadata: null,
  },
  cohost: { canSubscribe: true, canPublish: true, canPublishData: true, canPublishSources: [], canUpdateMetadata: true },
};

export const PRESET_LABELS: Record<StagePreset, string> = { audience: 'Audience', speaker: 'Speaker', cohost: 'Co-host' };

/**
 * LiveKit replaces the whole permission on update, so a preset is laid over the participant's
 * current permission: the stage fields change, hidden (and canUpdateMetadata unless the preset sets it) stay.
 */
export function applyPreset(current: PermissionView, preset: PresetPermission): PermissionView {
  const { canUpdateMetadata, ...stage } = preset;
  return { ...current, ...stage, canUpdateMetadata: canUpdateMetadata ?? current.canUpdateMetadata };
}

export type StageRole = 'host' | 'speaker' | 'audience' | 'hidden';

/**
 * Roles are read from permissions. A host may publish anything (no source limit, or screen share)
 * and update metadata; the speaker preset limits sources to microphone and camera, so a promoted
 * audience member who may update their own metadata (to raise a hand) is still a speaker.
 */
export function stageRole(permission: PermissionView): StageRole {
  let role = roles.get(permission);
  if (role === undefined) {
    role = roleOf(permission);
    roles.set(permission, role);
  }
  return role;
}

/** A row keeps its permission object until that changes, so its role is worked out once. */
const roles = new WeakMap<PermissionView, StageRole>();

function roleOf(permission: PermissionView): StageRole {
  if (permission.hidden) return 'hidden';
  if (!permission.canPublish) return 'audience';
  const anySource = permission.canPublishSources.length === 0 || permission.canPublishSources.includes('screen_share');
  return permission.canUpdateMetadata && anySource ? 'host' : 'speaker';
}

/**
 * A preset's version, sources compared as a set and fields in a fixed order (the database's jsonb
 * keeps its own key order): an admin's save sends the one it opened, and is refused when the preset changed since.
 */
export const presetVersion = ({ canSubscribe, canPublish, canPublishData, canPublishSources, canUpdateMetadata }: PresetPermission) =>
  versionOf(JSON.stringify([canSubscribe, canPublish, canPublishData, [...canPublishSources].sort(), canUpdateMetadata]));
