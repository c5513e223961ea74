import { afterEach, describe, expect, it } from 'vitest';
import { demoteToAudience, promoteToSpeaker } from '@/lib/participants/actions';
import { approveHand } from '@/lib/hands/actions';
import { endTimebox, extendTimebox, listTimeboxes } from '@/lib/timeboxes/actions';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { HAND_ATTRIBUTE, NOTICE_TOPIC } from '@/lib/hands/shared';
import { keepTimeboxes, processDueTimeboxes } from '@/lib/timeboxes/job';
import type { RoomTimeboxes } from '@/lib/timeboxes/shared';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

let stopClock: (() => void) | undefined;
afterEach(() => {
  stopClock?.();
  stopClock = undefined;
});

async function slots(room: string): Promise<RoomTimeboxes> {
  const result = await listTimeboxes({ room });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

async function audienceMember(room: string, identity: string) {
  return joinParticipant({ room, identity, grant: { canPublish: false, canUpdateOwnMetadata: true } });
}

/** LiveKit's permission update for `identity` (a participant also hears of others' permissions) */
const permission = (identity: string, canPublish: boolean) => (e: { data: Record<string, unknown> }) =>
  e.data.identity === identity && e.data.canPublish === canPublish;

const isNotice = (e: { data: Record<string, unknown> }) => e.data.topic === NOTICE_TOPIC && e.data.identity === undefined;

describe('speaker time-boxes', () => {
  it(
    "a slot ends on the server's clock: the speaker is told 30 s before, then returned to the audience by the time-box, audited",
    { timeout: 120_000 },
    async () => {
      const room = uniqueRoom();
      const speaker = await audienceMember(room, 'speaker');
      stopClock = keepTimeboxes();

      const promoted = await promoteToSpeaker({ room, identity: 'speaker', slotSeconds: 40 });
      expect(promoted).toMatchObject({ ok: true, data: { permission: { canPublish: true } } });
      const [slot] = (await slots(room)).running;
      expect(slot).toMatchObject({ identity: 'speaker', setBy: 'moderator@test.example', participantSid: promoted.ok && promoted.data.sid });
      expect(slot!.endsAt - slot!.startedAt).toBe(40_000);

      const warning = await speaker.waitFor('dataReceived', isNotice, 40_000);
      const notice = JSON.parse(String(warning.data.text)) as { text: string; timebox: { endsAt: string } };
      expect(notice.text).toMatch(/^Your speaking slot ends in (29|30) seconds$/);
      expect(Date.parse(notice.timebox.endsAt)).toBe(slot!.endsAt);
      // the requirement's own bound: 30 s before the end, on a clock polled every second
      expect(slot!.endsAt - warning.at).toBeLessThanOrEqual(30_000);
      expect(slot!.endsAt - warning.at).toBeGreaterThan(27_000);
      expect(speaker.events.filter((e) => e.type === 'permissionChanged' && permission('speaker', false)(e))).toHaveLength(0);

      const demoted = await speaker.waitFor('permissionChanged', permission('speaker', false), 40_000);
      expect(demoted.at).toBeGreaterThanOrEqual(slot!.endsAt);
      console.log(`[timeboxes] warning ${slot!.endsAt - warning.at} ms before the end; back in the audience ${demoted.at - slot!.endsAt} ms after it`);

      const db = await database();
      // LiveKit tells the speaker before the action has completed its audit row
      const [demote] = (
        await eventually(() => queryAudit(db, { room, action: 'participants.demote' }), (page) => page.rows[0]?.outcome === 'ok')
      ).rows;
      expect(demote).toMatchObject({
        actorId: `timebox:${slot!.id}`,
        actorEmail: 'timebox (set by moderator@test.example)',
        outcome: 'ok',
        input: { room, identity: 'speaker' },
        before: { permission: { canPublish: true } },
        after: { permission: { canPublish: false } },
      });
      const [warned] = (await queryAudit(db, { room, action: 'timeboxes.warn' })).rows;
      expect(warned).toMatchObject({ actorId: `timebox:${slot!.id}`, outcome: 'ok', targetIdentity: 'speaker' });
      const after = await eventually(() => slots(room), (s) => s.running.length === 0);
      expect(after.lastEnded).toMatchObject({ id: slot!.id, endReason: 'expired', endedBy: 'timebox (set by moderator@test.example)' });
      expect(speaker.events.filter(isNotice)).toHaveLength(1);
    },
  );

  it('an approved hand gets a slot too; extending moves the end and warns again before the new end', async () => {
    const room = uniqueRoom();
    const asker = await audienceMember(room, 'asker');
    await asker.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
    await eventually(() => directRoomService().getParticipant(room, 'asker'), (p) => HAND_ATTRIBUTE in p.attributes);

    expect(await approveHand({ room, identity: 'asker', slotSeconds: 60 })).toMatchObject({ ok: true });
    const [slot] = (await slots(room)).running;
    expect(slot!.endsAt - slot!.startedAt).toBe(60_000);

    // its warning is due 30 s before the end: the clock's tick at that moment sends it
    expect(await processDueTimeboxes({ at: new Date(slot!.endsAt - 29_000) })).toMatchObject({ warned: 1, demoted: 0 });
    await asker.waitFor('dataReceived', isNotice);

    const extended = await extendTimebox({ room, identity: 'asker', seconds: 120 });
    expect(extended).toMatchObject({ ok: true, data: { endsAt: slot!.endsAt + 120_000, warnedAt: null } });
    const db = await database();
    const [entry] = (await queryAudit(db, { room, action: 'timeboxes.extend' })).rows;
    expect(entry).toMatchObject({
      actorEmail: 'moderator@test.example',
      outcome: 'ok',
      input: { room, identity: 'asker', seconds: 120 },
      before: { endsAt: slot!.endsAt },
      after: { endsAt: slot!.endsAt + 120_000 },
    });

    // at the old end nothing happens; 30 s before the new one the warning comes again
    expect(await processDueTimeboxes({ at: new Date(slot!.endsAt + 1_000) })).toMatchObject({ warned: 0, demoted: 0 });
    expect(await processDueTimeboxes({ at: new Date(slot!.endsAt + 91_000) })).toMatchObject({ warned: 1, demoted: 0 });
    await eventually(async () => asker.events.filter(isNotice).length, (count) => count === 2);
    expect(asker.events.some((e) => e.type === 'permissionChanged' && permission('asker', false)(e))).toBe(false);
  });

  it('a moderator ends a slot early: the speaker returns to the audience at once, audited with who ended it', async () => {
    const room = uniqueRoom();
    const speaker = await audienceMember(room, 'speaker');
    expect(await promoteToSpeaker({ room, identity: 'speaker', slotSeconds: 300 })).toMatchObject({ ok: true });
    await speaker.waitFor('permissionChanged', permission('speaker', true));

    expect(await endTimebox({ room, identity: 'speaker' })).toMatchObject({ ok: true, data: { permission: { canPublish: false } } });
    await speaker.waitFor('permissionChanged', permission('speaker', false));
    const state = await slots(room);
    expect(state.running).toHaveLength(0);
    expect(state.lastEnded).toMatchObject({ endReason: 'ended_early', endedBy: 'moderator@test.example' });
    const [entry] = (await queryAudit(await database(), { room, action: 'timeboxes.end' })).rows;
    expect(entry).toMatchObject({ outcome: 'ok', actorEmail: 'moderator@test.example', after: { permission: { canPublish: false } } });
    expect(await endTimebox({ room, identity: 'speaker' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a slot whose speaker left, or was demoted and promoted again without a slot, changes nothing at its end', async () => {
    const room = uniqueRoom();
    const leaver = await audienceMember(room, 'leaver');
    const stayer = await audienceMember(room, 'stayer');
    await promoteToSpeaker({ room, identity: 'leaver', slotSeconds: 60 });
    await promoteToSpeaker({ room, identity: 'stayer', slotSeconds: 60 });
    await leaver.leave();
    // another moderator demotes, then promotes with no limit: the old slot is over
    expect(await demoteToAudience({ room, identity: 'stayer' })).toMatchObject({ ok: true });
    const demotedAt = Date.now();
    expect((await slots(room)).running.map((s) => s.identity)).toEqual(['leaver']);
    expect(await promoteToSpeaker({ room, identity: 'stayer' })).toMatchObject({ ok: true });
    await stayer.waitFor('permissionChanged', (e) => permission('stayer', true)(e) && e.at > demotedAt);

    await eventually(() => directRoomService().listParticipants(room), (list) => !list.some((p) => p.identity === 'leaver'));
    const tickAt = Date.now();
    const report = await processDueTimeboxes({ at: new Date(Date.now() + 61_000) });
    expect(report).toMatchObject({ demoted: 0, failed: 0 });
    expect(report!.moot).toBeGreaterThanOrEqual(1);
    const state = await slots(room);
    expect(state.running).toHaveLength(0);
    expect(state.lastEnded).toMatchObject({ identity: 'leaver', endReason: 'left' });
    const [refused] = (await queryAudit(await database(), { room, action: 'participants.demote', target: 'leaver' })).rows;
    expect(refused).toMatchObject({ actorId: expect.stringMatching(/^timebox:/), outcome: 'error', errorCode: 'not_found' });
    expect((await directRoomService().getParticipant(room, 'stayer')).permission?.canPublish).toBe(true);
    const demotedSince = (events: typeof stayer.events, since: number) =>
      events.some((e) => e.type === 'permissionChanged' && permission('stayer', false)(e) && e.at >= since);
    expect(demotedSince(stayer.events, tickAt)).toBe(false);
  });

  it('a slot given to a session that rejoined since, or that someone moved off stage outside Stagekeeper, is left alone and recorded', async () => {
    const room = uniqueRoom();
    const first = await audienceMember(room, 'rejoiner');
    await audienceMember(room, 'moved');
    await promoteToSpeaker({ room, identity: 'rejoiner', slotSeconds: 60 });
    await promoteToSpeaker({ room, identity: 'moved', slotSeconds: 60 });
    await first.leave();
    await eventually(() => directRoomService().listParticipants(room), (list) => !list.some((p) => p.identity === 'rejoiner'));
    const again = await joinParticipant({ room, identity: 'rejoiner', grant: { canPublish: true } });
    await directRoomService().updateParticipant(room, 'moved', { permission: { canSubscribe: true, canPublish: false, canPublishData: true } });

    const report = await processDueTimeboxes({ at: new Date(Date.now() + 61_000) });
    expect(report).toMatchObject({ demoted: 0, failed: 0 });
    expect(report!.moot).toBeGreaterThanOrEqual(2);
    const db = await database();
    const refusals = (await queryAudit(db, { room, action: 'participants.demote' })).rows;
    expect(refusals.map((row) => [row.targetIdentity, row.errorCode]).sort()).toEqual([
      ['moved', 'failed_precondition'],
      ['rejoiner', 'failed_precondition'],
    ]);
    expect((await directRoomService().getParticipant(room, 'rejoiner')).permission?.canPublish).toBe(true);
    expect(again.events.some((e) => e.type === 'permissionChanged' && permission('rejoiner', false)(e))).toBe(false);
    expect((await slots(room)).running).toHaveLength(0);
  });

  it('refuses a slot out of bounds and an extension of a slot that is not running, changing nothing', async () => {
    const room = uniqueRoom();
    const member = await audienceMember(room, 'member');
    expect(await promoteToSpeaker({ room, identity: 'member', slotSeconds: 5 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await promoteToSpeaker({ room, identity: 'member', slotSeconds: 4 * 3600 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await extendTimebox({ room, identity: 'member', seconds: 60 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(member.events.some((e) => e.type === 'permissionChanged')).toBe(false);
    expect((await slots(room)).running).toHaveLength(0);
  });
});
