import { describe, expect, it } from 'vitest';
import { applyPreset, DEFAULT_PRESETS, stageRole } from '@/lib/presets/shared';
import { withSourceToggled, type PermissionView } from '@/lib/livekit/types';

/** as the token endpoint's audience grant gives it */
const audience: PermissionView = {
  canSubscribe: true,
  canPublish: false,
  canPublishData: false,
  canPublishSources: [],
  canUpdateMetadata: true,
  hidden: false,
};

describe('stage presets', () => {
  it('speaker adds publishing of microphone, camera and data and keeps the other fields', () => {
    expect(applyPreset(audience, DEFAULT_PRESETS.speaker)).toEqual({
      ...audience,
      canPublish: true,
      canPublishData: true,
      canPublishSources: ['microphone', 'camera'],
    });
  });

  it('audience removes publishing and keeps hidden and canUpdateMetadata', () => {
    const speaker = applyPreset({ ...audience, hidden: true }, DEFAULT_PRESETS.speaker);
    expect(applyPreset(speaker, DEFAULT_PRESETS.audience)).toEqual({ ...audience, hidden: true });
  });

  it('co-host makes a host: any source, metadata updates', () => {
    const cohost = applyPreset(audience, DEFAULT_PRESETS.cohost);
    expect(cohost).toMatchObject({ canPublish: true, canPublishSources: [], canUpdateMetadata: true });
    expect(stageRole(cohost)).toBe('host');
    expect(applyPreset(cohost, DEFAULT_PRESETS.audience).canUpdateMetadata).toBe(true);
  });

  it('derives the stage role from permissions', () => {
    expect(stageRole(audience)).toBe('audience');
    expect(stageRole({ ...audience, canPublish: true, canUpdateMetadata: false })).toBe('speaker');
    expect(stageRole({ ...audience, canPublish: true })).toBe('host');
    expect(stageRole({ ...audience, canPublish: true, canPublishSources: ['microphone', 'screen_share'] })).toBe('host');
    expect(stageRole(applyPreset(audience, DEFAULT_PRESETS.speaker))).toBe('speaker');
    expect(stageRole({ ...audience, hidden: true, canPublish: true })).toBe('hidden');
  });
});

describe('withSourceToggled', () => {
  it('adds a source that is not allowed yet and removes one that is, leaving the rest as they were', () => {
    const permission = { canPublish: true, canPublishSources: ['microphone' as const] };
    expect(withSourceToggled(permission, 'camera')).toEqual({ canPublish: true, canPublishSources: ['microphone', 'camera'] });
    expect(withSourceToggled(permission, 'microphone')).toEqual({ canPublish: true, canPublishSources: [] });
    expect(permission.canPublishSources).toEqual(['microphone']);
  });
});
