import { describe, expect, it } from 'vitest';
import { directRoomService, eventually, joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

// a server with room.enable_remote_unmute: the dashboard finds out by itself (lib/live/unmute-request-policy.ts)
const server = testServer('remoteUnmute');
process.env.LIVEKIT_URL = server.url;
process.env.LIVEKIT_API_KEY = server.apiKey;
process.env.LIVEKIT_API_SECRET = server.apiSecret;
const { getParticipant, muteTrack } = await import('@/lib/participants/actions');
const { muteAllButHosts } = await import('@/lib/bulk/actions');
const { undo } = await import('@/lib/undo/actions');

async function speakerWithTone(room: string, identity: string) {
  const speaker = await joinParticipant({ room, identity, grant: { canPublish: true }, publishTone: true }, server);
  const trackSid = speaker.publishedTrackSids()[0]!;
  // LiveKit lists the track a moment after the participant's publish returns
  await eventually(() => muted(room, identity, trackSid), (value) => value === false);
  return { speaker, trackSid };
}

async function muted(room: string, identity: string, trackSid: string): Promise<boolean | undefined> {
  const result = await getParticipant({ room, identity });
  return result.ok ? result.data.tracks.find((track) => track.sid === trackSid)?.muted : undefined;
}

describe('undo of a mute, where remote unmute is allowed', () => {
  it('unmutes the track again, and another participant sees it unmuted', async () => {
    const room = uniqueRoom();
    const watcher = await joinParticipant({ room, identity: 'watcher' }, server);
    const { trackSid } = await speakerWithTone(room, 'speaker');
    await watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid);

    const mute = await muteTrack({ room, identity: 'speaker', trackSid });
    expect(mute).toMatchObject({ ok: true, auditId: expect.any(Number) });
    await watcher.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);

    const undone = await undo({ auditEntryId: mute.ok ? mute.auditId! : 0 });
    expect(undone).toMatchObject({ ok: true, data: { message: "Unmuted speaker's microphone again" } });
    await watcher.waitFor('trackUnmuted', (e) => e.data.trackSid === trackSid);
  });

  it('is refused when the track was unmuted since by someone else', async () => {
    const room = uniqueRoom();
    const { trackSid } = await speakerWithTone(room, 'speaker');
    const mute = await muteTrack({ room, identity: 'speaker', trackSid });
    await directRoomService(server).mutePublishedTrack(room, 'speaker', trackSid, false);
    await eventually(() => muted(room, 'speaker', trackSid), (value) => value === false);
    expect(await undo({ auditEntryId: mute.ok ? mute.auditId! : 0 })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/unmuted already/) },
    });
  });

  it('a bulk mute is undone track by track', async () => {
    const room = uniqueRoom();
    const one = await speakerWithTone(room, 'one');
    const two = await speakerWithTone(room, 'two');
    const bulk = await muteAllButHosts({ room });
    expect(bulk).toMatchObject({ ok: true, data: { succeeded: 2 } });
    expect(await muted(room, 'one', one.trackSid)).toBe(true);

    const undone = await undo({ auditEntryId: bulk.ok ? bulk.auditId! : 0 });
    expect(undone).toMatchObject({ ok: true, data: { message: 'Undid 2 of 2' } });
    expect(await muted(room, 'one', one.trackSid)).toBe(false);
    expect(await muted(room, 'two', two.trackSid)).toBe(false);
  });
});
