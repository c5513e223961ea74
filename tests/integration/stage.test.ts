import { describe, expect, it } from 'vitest';
import { demoteToAudience, getParticipant, promoteToSpeaker, setPermissions } from '@/lib/participants/actions';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

describe('moving participants on and off stage', () => {
  it('promote gives canPublish to the participant, who can then publish', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'audience-1', grant: { canPublish: false } });

    const result = await promoteToSpeaker({ room, identity: 'audience-1' });
    expect(result).toMatchObject({ ok: true, data: { permission: { canPublish: true } } });

    const event = await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    expect(event.data).toMatchObject({ identity: 'audience-1', canPublish: true, canSubscribe: true });

    const trackSid = await member.publishTone();
    const after = await eventually(
      () => getParticipant({ room, identity: 'audience-1' }),
      (r) => r.ok && r.data.tracks.some((track) => track.sid === trackSid),
    );
    expect(after.ok && after.data.tracks[0]).toMatchObject({ sid: trackSid, source: 'microphone' });
  });

  it('demote takes canPublish away and unpublishes the tracks, as another participant sees', async () => {
    const room = uniqueRoom();
    const watcher = await joinParticipant({ room, identity: 'watcher' });
    const speaker = await joinParticipant({
      room,
      identity: 'speaker-1',
      grant: { canPublish: true, canUpdateOwnMetadata: true },
      publishTone: true,
    });
    const [trackSid] = speaker.publishedTrackSids();
    await watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid);

    const result = await demoteToAudience({ room, identity: 'speaker-1' });
    expect(result).toMatchObject({ ok: true, data: { permission: { canPublish: false, canUpdateMetadata: true } } });

    await speaker.waitFor('permissionChanged', (e) => e.data.canPublish === false);
    await watcher.waitFor('trackUnpublished', (e) => e.data.trackSid === trackSid);
    const after = await eventually(
      () => getParticipant({ room, identity: 'speaker-1' }),
      (r) => r.ok && r.data.tracks.length === 0,
    );
    expect(after).toMatchObject({ ok: true, data: { tracks: [] } });
  });

  it('sets an explicit permission set, and the participant receives exactly it', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member' });

    const permission = {
      canSubscribe: false,
      canPublish: true,
      canPublishData: false,
      canPublishSources: ['screen_share' as const],
      canUpdateMetadata: true,
      hidden: false,
    };
    const result = await setPermissions({ room, identity: 'member', permission });
    expect(result).toMatchObject({ ok: true, data: { permission } });

    const event = await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    expect(event.data).toMatchObject({
      canSubscribe: false,
      canPublish: true,
      canPublishData: false,
      canUpdateMetadata: true,
    });
  });
});
