import { describe, expect, it } from 'vitest';
import { applyStagePreset, promoteToSpeaker } from '@/lib/participants/actions';
import { listPresets, savePreset } from '@/lib/presets/actions';
import { DEFAULT_PRESETS } from '@/lib/presets/shared';
import { actAs, actorWith } from '../helpers/actors';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

describe('stage presets stored in the database', () => {
  it('an admin narrows the speaker preset; Promote then gives exactly that to the participant', async () => {
    actAs(actorWith('admin'));
    const narrowed = { ...DEFAULT_PRESETS.speaker, canPublishSources: ['microphone' as const] };
    expect(await savePreset({ preset: 'speaker', permission: narrowed })).toMatchObject({ ok: true, data: narrowed });
    expect(await listPresets()).toMatchObject({ ok: true, data: { speaker: narrowed, audience: DEFAULT_PRESETS.audience } });

    actAs(actorWith('moderator'));
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member' });
    const promoted = await promoteToSpeaker({ room, identity: 'member' });
    expect(promoted).toMatchObject({ ok: true, data: { permission: { canPublish: true, canPublishSources: ['microphone'] } } });
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);
  });

  it('co-host makes a host; a moderator may not change presets', async () => {
    actAs(actorWith('moderator'));
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member' });
    expect(await applyStagePreset({ room, identity: 'member', preset: 'cohost' })).toMatchObject({
      ok: true,
      data: { permission: { canPublish: true, canUpdateMetadata: true, canPublishSources: [] } },
    });
    await member.waitFor('permissionChanged', (e) => e.data.canUpdateMetadata === true);
    expect(await savePreset({ preset: 'audience', permission: DEFAULT_PRESETS.speaker })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
