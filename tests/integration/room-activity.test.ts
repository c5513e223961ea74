import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRoomActivity } from '@/lib/history/actions';
import { sampleAllRooms } from '@/lib/activity/job';
import type { ActivitySample } from '@/lib/activity/shared';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { actAs, actorWith } from '../helpers/actors';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';
import { receiveLiveKitWebhooks } from '../helpers/webhook-receiver';

let webhooks: Awaited<ReturnType<typeof receiveLiveKitWebhooks>>;
beforeAll(async () => {
  webhooks = await receiveLiveKitWebhooks();
});
afterAll(async () => webhooks.close());

async function samples(room: string): Promise<ActivitySample[]> {
  const result = await readRoomActivity({ room });
  if (!result.ok) throw new Error(`activity refused: ${JSON.stringify(result.error)}`);
  return result.data;
}

const counts = ({ participants, speakers, hands }: ActivitySample) => ({ participants, speakers, hands });

describe('room activity samples for the room chart', () => {
  it("a join's webhook samples the room; the periodic sampler counts participants, people on stage and raised hands", async () => {
    const room = uniqueRoom('activity');
    await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true });
    await Promise.all(
      ['a1', 'a2', 'a3'].map((identity) => joinParticipant({ room, identity, grant: { canPublish: false, canUpdateOwnMetadata: true } })),
    );
    // from the joins' webhooks alone, at most 2 s apart per room
    await eventually(() => samples(room), (list) => list.at(-1)?.participants === 4, { timeoutMs: 15_000 });

    const raiser = await joinParticipant({ room, identity: 'raiser', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    await raiser.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
    const expected = { participants: 5, speakers: 1, hands: 1 };
    // the sampler's own sample (the attribute reaches LiveKit a moment after setAttributes returns)
    const latest = await eventually(
      async () => {
        const report = await sampleAllRooms();
        return { report, latest: counts((await samples(room)).at(-1)!) };
      },
      ({ report, latest }) => report !== null && JSON.stringify(latest) === JSON.stringify(expected),
    );
    expect(latest.report!.sampled).toBeGreaterThanOrEqual(1);
  });

  it('reading the samples is a read that writes no audit row when it succeeds', async () => {
    const room = uniqueRoom('activity-audit');
    await samples(room);
    actAs(actorWith('viewer'));
    expect((await readRoomActivity({ room })).ok).toBe(true);
    actAs(null);
    expect(await readRoomActivity({ room })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const audit = await queryAudit(await database(), { action: 'activity.room', includeReads: true });
    // the two successful reads left nothing; the anonymous refusal is kept
    expect(audit.rows.filter((row) => row.room === room).map((row) => [row.outcome, row.errorCode])).toEqual([['error', 'unauthorized']]);
  });
});
