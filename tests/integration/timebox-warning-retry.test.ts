import { afterAll, describe, expect, inject, it } from 'vitest';
import { startLiveKitRelay } from '../helpers/livekit-relay';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

// the dashboard reaches LiveKit through a relay the test can cut; the speaker connects directly
const relay = await startLiveKitRelay(inject('livekit').url);
process.env.LIVEKIT_URL = relay.url;
const { promoteToSpeaker } = await import('@/lib/participants/actions');
const { listTimeboxes } = await import('@/lib/timeboxes/actions');
const { processDueTimeboxes } = await import('@/lib/timeboxes/job');
const { NOTICE_TOPIC } = await import('@/lib/hands/shared');
const { unwrap } = await import('@/lib/actions/result');

afterAll(() => relay.close());

describe("a slot's warning", () => {
  it('is marked sent only once delivered: a tick that cannot reach LiveKit leaves it for the next tick, which sends it', async () => {
    const room = uniqueRoom();
    const speaker = await joinParticipant({ room, identity: 'speaker', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    unwrap(await promoteToSpeaker({ room, identity: 'speaker', slotSeconds: 60 }));
    const [slot] = unwrap(await listTimeboxes({ room })).running;
    const warningDue = new Date(slot!.endsAt - 29_000);

    await relay.cut();
    try {
      expect(await processDueTimeboxes({ at: warningDue })).toMatchObject({ warned: 0, demoted: 0 });
    } finally {
      await relay.restore();
    }
    expect(unwrap(await listTimeboxes({ room })).running[0]).toMatchObject({ id: slot!.id, warnedAt: null });

    expect(await processDueTimeboxes({ at: warningDue })).toMatchObject({ warned: 1, demoted: 0 });
    const notice = await speaker.waitFor('dataReceived', (e) => e.data.topic === NOTICE_TOPIC);
    expect(JSON.parse(String(notice.data.text))).toMatchObject({ timebox: { endsAt: new Date(slot!.endsAt).toISOString() } });
    expect(unwrap(await listTimeboxes({ room })).running[0]!.warnedAt).not.toBeNull();
  });
});
