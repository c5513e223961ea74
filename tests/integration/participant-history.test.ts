import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { banParticipant, liftBan } from '@/lib/bans/actions';
import { readParticipantHistory } from '@/lib/history/actions';
import { demoteToAudience, muteTrack, promoteToSpeaker } from '@/lib/participants/actions';
import { sendNotice } from '@/lib/hands/actions';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import type { HistoryPage } from '@/lib/history/items-shared';
import { actAs, actorWith } from '../helpers/actors';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';
import { receiveLiveKitWebhooks } from '../helpers/webhook-receiver';

let webhooks: Awaited<ReturnType<typeof receiveLiveKitWebhooks>>;
beforeAll(async () => {
  webhooks = await receiveLiveKitWebhooks();
});
afterAll(async () => webhooks.close());

async function history(room: string, identity: string, before?: string, limit?: number): Promise<HistoryPage> {
  const result = await readParticipantHistory({ room, identity, before, limit });
  if (!result.ok) throw new Error(`history refused: ${JSON.stringify(result.error)}`);
  return result.data;
}

const what = (page: HistoryPage) => page.items.map((item) => item.action ?? item.kind);
const hasJoined = (page: HistoryPage) => page.items.some((item) => item.kind === 'joined');

describe("a participant's history, from the audit log and LiveKit's webhooks", () => {
  it('lists a join, a promote and a mute newest first, with who acted and what changed, then the leave', async () => {
    const room = uniqueRoom('history');
    const guest = await joinParticipant({ room, identity: 'guest', name: 'Guest', grant: { canPublish: true }, publishTone: true });
    await eventually(() => history(room, 'guest'), hasJoined);

    expect((await promoteToSpeaker({ room, identity: 'guest' })).ok).toBe(true);
    const [trackSid] = guest.publishedTrackSids();
    expect((await muteTrack({ room, identity: 'guest', trackSid: trackSid! })).ok).toBe(true);

    const page = await history(room, 'guest');
    expect(what(page)).toEqual(['tracks.mute', 'participants.promote', 'joined']);
    const [mute, promote, join] = page.items;
    expect(join).toMatchObject({ title: 'Joined as Guest', actor: null });
    expect(promote).toMatchObject({ title: 'Promoted to speaker', actor: 'moderator@test.example', outcome: 'ok' });
    expect(promote!.changes).toContainEqual({ field: 'permission.canPublishSources', before: '[]', after: '["microphone","camera"]' });
    expect(mute!.changes).toEqual([expect.objectContaining({ before: 'unmuted', after: 'muted' })]);
    expect(Date.parse(mute!.at)).toBeGreaterThanOrEqual(Date.parse(promote!.at));
    expect(Date.parse(promote!.at)).toBeGreaterThanOrEqual(Date.parse(join!.at));

    await guest.leave();
    const after = await eventually(() => history(room, 'guest'), (next) => next.items[0]?.kind === 'left');
    expect(what(after)).toEqual(['left', 'tracks.mute', 'participants.promote', 'joined']);
  });

  it('pages newest first without repeating or skipping a row, also when newer rows arrive between pages', async () => {
    const room = uniqueRoom('history-pages');
    await joinParticipant({ room, identity: 'pager' });
    await eventually(() => history(room, 'pager'), hasJoined);
    for (let i = 0; i < 6; i += 1) {
      expect((await (i % 2 === 0 ? promoteToSpeaker : demoteToAudience)({ room, identity: 'pager' })).ok).toBe(true);
    }
    const whole = await history(room, 'pager', undefined, 100);
    expect(whole.items).toHaveLength(7);
    expect(whole.next).toBeNull();

    const first = await history(room, 'pager', undefined, 3);
    expect(first.next).not.toBeNull();
    expect((await promoteToSpeaker({ room, identity: 'pager' })).ok).toBe(true);
    const second = await history(room, 'pager', first.next!, 3);
    const third = await history(room, 'pager', second.next!, 3);
    expect(third.next).toBeNull();
    expect([...first.items, ...second.items, ...third.items].map((item) => item.key)).toEqual(whole.items.map((item) => item.key));
    expect(third.items.at(-1)!.kind).toBe('joined');
    // the promote made between the pages is at the top of a fresh first page
    expect((await history(room, 'pager', undefined, 1)).items[0]).toMatchObject({ action: 'participants.promote' });
  });

  it('shows notices sent to them, their ban and its lifting', async () => {
    const room = uniqueRoom('history-ban');
    await joinParticipant({ room, identity: 'troll' });
    await eventually(() => history(room, 'troll'), hasJoined);
    expect((await sendNotice({ room, identity: 'troll', text: 'Please keep it civil' })).ok).toBe(true);
    const ban = await banParticipant({ room, identity: 'troll', reason: 'spam' });
    expect(ban.ok).toBe(true);
    expect((await liftBan({ id: ban.ok ? ban.data.ban.id : 0 })).ok).toBe(true);

    const page = await eventually(() => history(room, 'troll'), (next) => next.items.some((item) => item.kind === 'left'));
    const items = page.items.filter((item) => item.kind !== 'left');
    expect(items.map((item) => item.action ?? item.kind)).toEqual(['ban_lifted', 'bans.eject', 'bans.create', 'notices.send', 'joined']);
    expect(items.find((item) => item.action === 'notices.send')).toMatchObject({ detail: 'Please keep it civil' });
    expect(items.find((item) => item.action === 'bans.create')).toMatchObject({ detail: 'this room · reason: spam' });
  });

  it('is for moderators: a viewer is refused, a forged cursor is invalid, and reading is audited as a read', async () => {
    const room = uniqueRoom('history-auth');
    actAs(actorWith('viewer'));
    const refused = await readParticipantHistory({ room, identity: 'someone' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    actAs(actorWith('moderator'));
    const forged = await readParticipantHistory({ room, identity: 'someone', before: "1'; drop table audit_entries; --" });
    expect(forged).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await history(room, 'someone')).toEqual({ items: [], next: null });

    const audit = await queryAudit(await database(), { room, action: 'history.participant', includeReads: true });
    expect(audit.rows.map((row) => [row.access, row.outcome])).toEqual([
      ['read', 'ok'],
      ['read', 'error'],
      ['read', 'error'],
    ]);
  });
});
