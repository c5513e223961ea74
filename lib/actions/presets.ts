import type { PermissionView, TrackSourceName } from '@/lib/livekit/types';

export type StagePreset = 'speaker' | 'audience';

const SPEAKER_SOURCES: TrackSourceName[] = ['microphone', 'camera'];

/**
 * LiveKit replaces the whole permission on update, so a preset is laid over the participant's
 * current permission: only the stage fields change, hidden and canUpdateMetadata are kept.
 */
export function applyPreset(current: PermissionView, preset: StagePreset): PermissionView {
  if (preset === 'speaker') {
    return { ...current, canSubscribe: true, canPublish: true, canPublishData: true, canPublishSources: SPEAKER_SOURCES };
  }
  return { ...current, canSubscribe: true, canPublish: false, canPublishSources: [] };
}

export type StageRole = 'host' | 'speaker' | 'audience' | 'hidden';

export function stageRole(permission: PermissionView): StageRole {
  if (permission.hidden) return 'hidden';
  if (permission.canPublish && permission.canUpdateMetadata) return 'host';
  if (permission.canPublish) return 'speaker';
  return 'audience';
}
