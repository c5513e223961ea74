import { describe, expect, it } from 'vitest';
import { updateAttributes } from '@/lib/participants/actions';
import { database } from '@/lib/db';
import { moderatorActivity } from '@/lib/audit/activity-store';
import { actAs, actorWith } from '../helpers/actors';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

describe("the Audit page's actions per minute by moderator", () => {
  it('counts each moderator\'s changes per minute of the range, reads and other rooms left out', async () => {
    const room = uniqueRoom('moderator-chart');
    await joinParticipant({ room, identity: 'target' });
    const change = async (value: string) => expect((await updateAttributes({ room, identity: 'target', set: { note: value } })).ok).toBe(true);
    await change('a');
    await change('b');
    actAs(actorWith('admin'));
    await change('c');

    const activity = await moderatorActivity(await database(), { room });
    expect(activity.bucketMs).toBe(60_000);
    expect(activity.moderators.map(({ email, total }) => [email, total])).toEqual([
      ['moderator@test.example', 2],
      ['admin@test.example', 1],
    ]);
    const [first] = activity.moderators;
    expect(first!.counts).toHaveLength(Math.ceil((activity.to - activity.from) / 60_000));
    expect(first!.counts.reduce((a, b) => a + b, 0)).toBe(2);

    const before = await moderatorActivity(await database(), { room, to: new Date(Date.now() - 3_600_000) });
    expect(before.moderators).toEqual([]);
  });
});
