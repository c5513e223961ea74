import { describe, expect, it } from 'vitest';
import { getParticipant, listParticipants } from '@/lib/participants/actions';
import { getRoom, listRooms } from '@/lib/rooms/actions';
import { listParticipantsOfListedRoom } from '@/lib/livekit';
import { LISTING_SHARED_MS } from '@/lib/livekit/shared-listing';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

describe('reading rooms and participants', () => {
  it('lists the room and its participants with tracks and permissions', async () => {
    const room = uniqueRoom();
    const speaker = await joinParticipant({
      room,
      identity: 'speaker-1',
      name: 'Speaker One',
      metadata: '{"role":"speaker"}',
      attributes: { team: 'blue' },
      grant: { canPublish: true },
      publishTone: true,
    });
    await joinParticipant({ room, identity: 'listener-1', grant: { canPublish: false } });

    // LiveKit refreshes a room's counters a moment after a join
    const rooms = await eventually(
      () => listRooms(),
      (r) => r.ok && r.data.some((candidate) => candidate.name === room && candidate.numParticipants === 2),
    );
    if (!rooms.ok) return;
    const listed = rooms.data.find((candidate) => candidate.name === room);
    expect(listed).toMatchObject({ name: room, numParticipants: 2, numPublishers: 1 });
    expect(listed!.createdAt).toBeGreaterThan(Date.now() - 60_000);

    const roomResult = await getRoom({ room });
    expect(roomResult).toMatchObject({ ok: true, data: { name: room } });

    const participants = await listParticipants({ room });
    expect(participants.ok).toBe(true);
    if (!participants.ok) return;
    expect(participants.data.map((p) => p.identity).sort()).toEqual(['listener-1', 'speaker-1']);

    const [trackSid] = speaker.publishedTrackSids();
    const one = await getParticipant({ room, identity: 'speaker-1' });
    expect(one).toMatchObject({
      ok: true,
      data: {
        identity: 'speaker-1',
        name: 'Speaker One',
        metadata: '{"role":"speaker"}',
        attributes: { team: 'blue' },
        permission: { canPublish: true, canSubscribe: true, hidden: false },
        tracks: [{ sid: trackSid, kind: 'audio', source: 'microphone', muted: false }],
      },
    });
    const listener = participants.data.find((p) => p.identity === 'listener-1');
    expect(listener).toMatchObject({ permission: { canPublish: false }, tracks: [] });
  });

  it('reports an unknown room and an unknown identity as not_found', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'someone' });

    expect(await listParticipants({ room: uniqueRoom('missing') })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await getParticipant({ room, identity: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/participant does not exist/i) },
    });
  });

  it("answers a page's list with a listing asked after it, never a sweep's from before a leave", async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'stays' });
    const goes = await joinParticipant({ room, identity: 'goes' });
    // a sweep (or the sampler) lists the room, as the ban sweep does when LiveKit answers again
    expect((await listParticipantsOfListedRoom(room)).map((p) => p.identity).sort()).toEqual(['goes', 'stays']);
    const sweptAt = Date.now();
    await goes.leave();

    const listed = await listParticipants({ room });
    // the sweep's listing was still being shared: the case where the page could have been answered with it
    expect(Date.now() - sweptAt).toBeLessThan(LISTING_SHARED_MS);
    expect(listed).toMatchObject({ ok: true });
    expect(listed.ok && listed.data.map((p) => p.identity)).toEqual(['stays']);
  });
});
