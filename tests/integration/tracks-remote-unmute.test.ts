import { describe, expect, it } from 'vitest';
import { directRoomService, joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

const server = testServer('remoteUnmute');
process.env.LIVEKIT_URL = server.url;
process.env.LIVEKIT_API_KEY = server.apiKey;
process.env.LIVEKIT_API_SECRET = server.apiSecret;
const { muteTrack, unmuteTrack } = await import('@/lib/participants/actions');
const { getRemoteUnmutePolicy } = await import('@/lib/unmute-requests/actions');

describe('unmuting on a server with room.enable_remote_unmute', () => {
  it('unmute: another participant sees the track unmuted again', async () => {
    const room = uniqueRoom();
    const watcher = await joinParticipant({ room, identity: 'watcher' }, server);
    const speaker = await joinParticipant(
      { room, identity: 'speaker', grant: { canPublish: true }, publishTone: true },
      server,
    );
    const [trackSid] = speaker.publishedTrackSids();
    await watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid);

    expect(await muteTrack({ room, identity: 'speaker', trackSid: trackSid! })).toMatchObject({ ok: true });
    await watcher.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);

    const result = await unmuteTrack({ room, identity: 'speaker', trackSid: trackSid! });
    expect(result).toMatchObject({ ok: true, data: { sid: trackSid, muted: false } });
    await watcher.waitFor('trackUnmuted', (e) => e.data.trackSid === trackSid);
  });

  it('the policy says remote unmute is allowed, so rows keep the plain Unmute; probing changes no track', async () => {
    const room = uniqueRoom();
    const watcher = await joinParticipant({ room, identity: 'watcher' }, server);
    const speaker = await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true }, server);
    const [trackSid] = speaker.publishedTrackSids();
    await watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid);
    await muteTrack({ room, identity: 'speaker', trackSid: trackSid! });
    await watcher.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);

    expect(await getRemoteUnmutePolicy({ room })).toEqual({ ok: true, data: { allowed: true } });
    const info = await directRoomService(server).getParticipant(room, 'speaker');
    expect(info.tracks.map((track) => [track.sid, track.muted])).toEqual([[trackSid, true]]);
  });
});
