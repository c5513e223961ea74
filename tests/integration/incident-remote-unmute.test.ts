import { describe, expect, it } from 'vitest';
import { eventually, joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

const server = testServer('remoteUnmute');
process.env.LIVEKIT_URL = server.url;
process.env.LIVEKIT_API_KEY = server.apiKey;
process.env.LIVEKIT_API_SECRET = server.apiSecret;
const { startIncident, undoIncident } = await import('@/lib/incident/actions');
const { listParticipants } = await import('@/lib/participants/actions');
const { unwrap } = await import('@/lib/actions/result');
const { previewBulk } = await import('@/lib/bulk/shared');

describe('Undo incident on a server with room.enable_remote_unmute', () => {
  it('unmutes the tracks the incident muted and left published; a speaker\'s unpublished track is reported', async () => {
    const room = uniqueRoom();
    const recorder = await joinParticipant({ room, identity: 'rec', grant: { canPublish: true, hidden: true }, publishTone: true }, server);
    await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true }, server);
    const [trackSid] = recorder.publishedTrackSids();
    const tracksOf = async (identity: string) => unwrap(await listParticipants({ room })).find((p) => p.identity === identity)?.tracks ?? [];
    const listing = await eventually(
      async () => unwrap(await listParticipants({ room })),
      (participants) => participants.filter((p) => p.tracks.length === 1).length === 2,
    );

    const { targets } = previewBulk('incident', listing);
    const incident = unwrap(await startIncident({ room, targets: targets.map((t) => ({ identity: t.identity, version: t.version! })) }));
    expect(incident.succeeded).toBe(2);
    expect((await tracksOf('rec')).map((t) => [t.sid, t.muted])).toEqual([[trackSid, true]]);

    const undone = unwrap(await undoIncident({ room, incidentId: incident.incidentId }));
    expect(undone.participants.find((p) => p.identity === 'rec')).toMatchObject({ ok: true, parts: [{ part: 'unmute', trackSid, ok: true }] });
    expect(undone.participants.find((p) => p.identity === 'rec')!.note).toBeUndefined();
    expect((await tracksOf('rec')).map((t) => [t.sid, t.muted])).toEqual([[trackSid, false]]);
    expect(undone.participants.find((p) => p.identity === 'speaker')).toMatchObject({ ok: true, parts: [{ part: 'permission', ok: true }] });
    expect(undone.participants.find((p) => p.identity === 'speaker')!.note).toMatch(/was unpublished/);
  });
});
