import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startLiveKitCounter } from '../helpers/livekit-counter';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

// the dashboard talks to the real LiveKit through a proxy that counts its calls per room
const counter = await startLiveKitCounter(testServer().url);
process.env.LIVEKIT_URL = counter.url;
const participants = await import('@/lib/participants/actions');
const { sweepBans } = await import('@/lib/bans/job');
const { banParticipant } = await import('@/lib/bans/actions');

afterAll(() => counter.close());
beforeEach(() => counter.reset());

const TABS = 12;

async function roomOfThree() {
  const room = uniqueRoom('shared');
  for (const identity of ['host', 'a1', 'a2']) await joinParticipant({ room, identity });
  counter.reset();
  return room;
}

describe('one listing per room, shared', () => {
  it('twelve previews of the same room at once (the listing each bulk preview is drawn from): one ListParticipants', async () => {
    const room = await roomOfThree();
    const answers = await Promise.all(Array.from({ length: TABS }, () => participants.listParticipants({ room })));
    expect(answers.every((answer) => answer.ok && answer.data.length === 3)).toBe(true);
    expect(counter.callsFor(room)).toEqual({ ListParticipants: 1 });
    // the answers are each the caller's own: changing one changes no other
    if (answers[0]!.ok && answers[1]!.ok) {
      answers[0]!.data.pop();
      expect(answers[1]!.data).toHaveLength(3);
    }
  });

  it('a sweep and a page of the same moment share the listing too', async () => {
    const room = await roomOfThree();
    expect(await banParticipant({ room, identity: 'troll' })).toMatchObject({ ok: true });
    counter.reset();
    await Promise.all([sweepBans(), participants.listParticipants({ room })]);
    expect(counter.callsFor(room)).toEqual({ ListParticipants: 1 });
  });

  it("this replica's own write to the room is never hidden by a listing from before it", async () => {
    const room = await roomOfThree();
    expect(await participants.listParticipants({ room })).toMatchObject({ ok: true });
    expect(await participants.promoteToSpeaker({ room, identity: 'a1' })).toMatchObject({ ok: true });
    const after = await participants.listParticipants({ room });
    expect(after.ok && after.data.find((p) => p.identity === 'a1')?.permission.canPublish).toBe(true);
    expect(counter.callsFor(room)).toMatchObject({ ListParticipants: 2 });
  });
});
