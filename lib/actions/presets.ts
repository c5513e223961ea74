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

/**
 * Roles are read from permissions. A host may publish anything (no source limit, or screen share)
 * and update metadata; the speaker preset limits sources to microphone and camera, so a promoted
 * audience member who may update their own metadata (to raise a hand) is still a speaker.
 */
export function stageRole(permission: PermissionView): StageRole {
  if (permission.hidden) return 'hidden';
  if (!permission.canPublish) return 'audience';
  const anySource = permission.canPublishSources.length === 0 || permission.canPublishSources.includes('screen_share');
  return permission.canUpdateMetadata && anySource ? 'host' : 'speaker';
}
