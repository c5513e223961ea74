import { describe, expect, it } from 'vitest';
import { applyStagePreset, promoteToSpeaker } from '@/lib/participants/actions';
import { listPresets, savePreset } from '@/lib/presets/actions';
import { DEFAULT_PRESETS, presetVersion } from '@/lib/presets/shared';
import { unwrap } from '@/lib/actions/result';
import { actAs, actorWith } from '../helpers/actors';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

describe('stage presets stored in the database', () => {
  it('an admin narrows the speaker preset; Promote then gives exactly that to the participant', async () => {
    actAs(actorWith('admin'));
    const narrowed = { ...DEFAULT_PRESETS.speaker, canPublishSources: ['microphone' as const] };
    const basedOn = presetVersion(unwrap(await listPresets()).speaker);
    expect(await savePreset({ preset: 'speaker', permission: narrowed, basedOn })).toMatchObject({ ok: true, data: narrowed });
    expect(await listPresets()).toMatchObject({ ok: true, data: { speaker: narrowed, audience: DEFAULT_PRESETS.audience } });

    actAs(actorWith('moderator'));
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member' });
    const promoted = await promoteToSpeaker({ room, identity: 'member' });
    expect(promoted).toMatchObject({ ok: true, data: { permission: { canPublish: true, canPublishSources: ['microphone'] } } });
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);
  });

  it("two admins saving one preset: the second, based on the version before the first's save, is refused as a conflict", async () => {
    actAs(actorWith('admin'));
    const opened = unwrap(await listPresets()).cohost;
    const basedOn = presetVersion(opened);
    const first = { ...opened, canPublishData: !opened.canPublishData };
    const second = { ...opened, canPublishSources: ['screen_share' as const] };
    expect(await savePreset({ preset: 'cohost', permission: first, basedOn })).toMatchObject({ ok: true, data: first });
    expect(await savePreset({ preset: 'cohost', permission: second, basedOn })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/edited by .* since you opened it/), conflicts: [{ field: 'preset', current: first }] },
    });
    expect(unwrap(await listPresets()).cohost).toEqual(first);
    // saved again on top of the version it now shows, it goes through
    expect(await savePreset({ preset: 'cohost', permission: second, basedOn: presetVersion(first) })).toMatchObject({ ok: true, data: second });
    expect(await savePreset({ preset: 'cohost', permission: opened, basedOn: presetVersion(second) })).toMatchObject({ ok: true });
    actAs(actorWith('moderator'));
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
    expect(await savePreset({ preset: 'audience', permission: DEFAULT_PRESETS.speaker, basedOn: presetVersion(DEFAULT_PRESETS.audience) })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
