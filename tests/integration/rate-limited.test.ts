import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startLiveKitCounter } from '../helpers/livekit-counter';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

// the real LiveKit behind a counting proxy; only its 429 answer is the proxy's own (a real server cannot be told to refuse)
const counter = await startLiveKitCounter(testServer().url);
process.env.LIVEKIT_URL = counter.url;
const { promoteToSpeaker } = await import('@/lib/participants/actions');
const livekit = await import('@/lib/livekit');
const { auditEntries, database } = await import('@/lib/db');
const { desc, eq } = await import('drizzle-orm');

afterAll(() => counter.close());
beforeEach(() => counter.reset());

describe("LiveKit's too many requests", () => {
  it('reaches the moderator as rate_limited with the wait, and is recorded as such, not as internal', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    counter.refuseNext(1, 7);
    const result = await promoteToSpeaker({ room, identity: 'member' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'rate_limited',
        message: `LiveKit at ${counter.url} is refusing calls for now (too many requests); try again in 7 s`,
        retryAfterMs: 7000,
      },
    });
    const db = await database();
    const [entry] = await db.select().from(auditEntries).where(eq(auditEntries.action, 'participants.promote')).orderBy(desc(auditEntries.id)).limit(1);
    expect(entry).toMatchObject({ outcome: 'error', errorCode: 'rate_limited' });
  });

  it('background work waits and retries instead of failing', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member' });
    counter.refuseNext(1, 1);
    const listing = await livekit.listParticipantsOfListedRoom(room);
    expect(listing.map((participant) => participant.identity)).toEqual(['member']);
    expect(counter.calls()).toEqual({ ListParticipants: 2 });
  });
});
