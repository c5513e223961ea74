import { describe, expect, it } from 'vitest';
import { getParticipant, muteTrack, unmuteTrack } from '@/lib/participants/actions';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

async function speakerWithWatcher() {
  const room = uniqueRoom();
  const watcher = await joinParticipant({ room, identity: 'watcher' });
  const speaker = await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true });
  const [trackSid] = speaker.publishedTrackSids();
  await watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid);
  return { room, speaker, watcher, trackSid: trackSid! };
}

describe('muting published tracks (remote unmute disabled, LiveKit default)', () => {
  it('mute: another participant sees the track muted', async () => {
    const { room, watcher, trackSid } = await speakerWithWatcher();

    const result = await muteTrack({ room, identity: 'speaker', trackSid });
    expect(result).toMatchObject({ ok: true, data: { sid: trackSid, muted: true } });

    await watcher.waitFor('trackMuted', (e) => e.data.trackSid === trackSid && e.data.identity === 'speaker');
    const after = await getParticipant({ room, identity: 'speaker' });
    expect(after.ok && after.data.tracks[0]?.muted).toBe(true);
  });

  it('unmute fails with the specific remote-unmute error and the track stays muted', async () => {
    const { room, watcher, trackSid } = await speakerWithWatcher();
    await muteTrack({ room, identity: 'speaker', trackSid });
    await watcher.waitFor('trackMuted');

    const result = await unmuteTrack({ room, identity: 'speaker', trackSid });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'remote_unmute_disabled',
        message: expect.stringMatching(/^Remote unmute is disabled on this LiveKit server/),
      },
    });
    const after = await getParticipant({ room, identity: 'speaker' });
    expect(after.ok && after.data.tracks[0]?.muted).toBe(true);
    expect(watcher.events.some((e) => e.type === 'trackUnmuted')).toBe(false);
  });

  it('an unknown track sid is not_found instead of a silent success', async () => {
    const { room } = await speakerWithWatcher();
    expect(await muteTrack({ room, identity: 'speaker', trackSid: 'TR_doesnotexist' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringContaining('TR_doesnotexist') },
    });
  });
});
