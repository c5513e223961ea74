import { describe, expect, it } from 'vitest';
import { demoteAllSpeakers } from '@/lib/bulk/actions';
import { startIncident } from '@/lib/incident/actions';
import { listParticipants, promoteToSpeaker, setPermissions } from '@/lib/participants/actions';
import { participantLock, withParticipantLock } from '@/lib/participants/service';
import { lockWaiters } from '@/lib/db/locks';
import { listTimeboxes } from '@/lib/timeboxes/actions';
import { processDueTimeboxes } from '@/lib/timeboxes/job';
import { extendTimebox, startTimebox } from '@/lib/timeboxes/store';
import type { RoomTimeboxes } from '@/lib/timeboxes/shared';
import { undo } from '@/lib/undo/actions';
import { previewBulk } from '@/lib/bulk/shared';
import { unwrap } from '@/lib/actions/result';
import { database } from '@/lib/db';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

/**
 * Every way off the stage ends the speaker's slot, and every way onto it without a slot leaves none
 * running: otherwise the old slot's end demotes someone a later move put on stage for good.
 */

async function slots(room: string): Promise<RoomTimeboxes> {
  return unwrap(await listTimeboxes({ room }));
}

async function speakerWithSlot(room: string, identity: string, slotSeconds = 60) {
  const member = await joinParticipant({ room, identity, grant: { canPublish: false, canUpdateOwnMetadata: true } });
  const promoted = unwrap(await promoteToSpeaker({ room, identity, slotSeconds }));
  await member.waitFor('permissionChanged', (e) => e.data.identity === identity && e.data.canPublish === true);
  const slot = (await slots(room)).running.find((running) => running.identity === identity);
  expect(slot).toMatchObject({ participantSid: promoted.sid });
  return { member, slot: slot! };
}

const canPublish = async (room: string, identity: string) => (await directRoomService().getParticipant(room, identity)).permission?.canPublish;

/** Back on stage by a path that gives no slot, then the old slot's end comes: they stay on stage. */
async function expectOldEndLeavesThemAlone(room: string, identity: string, oldEnd: number) {
  expect(unwrap(await setPermissions({ room, identity, permission: { canPublish: true } })).permission.canPublish).toBe(true);
  const report = await processDueTimeboxes({ at: new Date(oldEnd + 1_000) });
  expect(report).toMatchObject({ demoted: 0 });
  expect(await canPublish(room, identity)).toBe(true);
}

describe('every way off the stage ends the slot', () => {
  it('bulk "move speakers to the audience" ends each speaker\'s slot', async () => {
    const room = uniqueRoom();
    const { slot } = await speakerWithSlot(room, 'speaker');
    const listing = unwrap(await listParticipants({ room }));
    const shown = previewBulk('demote', listing);
    expect(unwrap(await demoteAllSpeakers({ room, targets: shown.targets.map((t) => ({ identity: t.identity, version: t.version! })) }))).toMatchObject({
      succeeded: 1,
    });
    const after = await slots(room);
    expect(after.running).toEqual([]);
    expect(after.lastEnded).toMatchObject({ id: slot.id, endReason: 'demoted', endedBy: 'moderator@test.example' });
    await expectOldEndLeavesThemAlone(room, 'speaker', slot.endsAt);
  });

  it("the incident's demote ends the slot", async () => {
    const room = uniqueRoom();
    const { slot } = await speakerWithSlot(room, 'speaker');
    const shown = previewBulk('incident', unwrap(await listParticipants({ room })));
    const summary = unwrap(await startIncident({ room, targets: shown.targets.map((t) => ({ identity: t.identity, version: t.version! })) }));
    expect(summary.succeeded).toBe(1);
    const after = await slots(room);
    expect(after.running).toEqual([]);
    expect(after.lastEnded).toMatchObject({ id: slot.id, endReason: 'demoted' });
  });

  it('a permission save without canPublish ends the slot', async () => {
    const room = uniqueRoom();
    const { slot } = await speakerWithSlot(room, 'speaker');
    expect(unwrap(await setPermissions({ room, identity: 'speaker', permission: { canPublish: false } })).permission.canPublish).toBe(false);
    const after = await slots(room);
    expect(after.running).toEqual([]);
    expect(after.lastEnded).toMatchObject({ id: slot.id, endReason: 'demoted' });
    await expectOldEndLeavesThemAlone(room, 'speaker', slot.endsAt);
  });

  it('the undo of a promote ends the slot it started', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'speaker', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    const promoted = await promoteToSpeaker({ room, identity: 'speaker', slotSeconds: 60 });
    if (!promoted.ok) throw new Error(promoted.error.message);
    const [slot] = (await slots(room)).running;
    expect(unwrap(await undo({ auditEntryId: promoted.auditId! }))).toMatchObject({ participant: { permission: { canPublish: false } } });
    const after = await slots(room);
    expect(after.running).toEqual([]);
    expect(after.lastEnded).toMatchObject({ id: slot!.id, endReason: 'demoted' });
  });
});

describe('every way onto the stage respects the slot', () => {
  it('a speaker moved off stage outside Stagekeeper and back on by a permission save is not demoted at the old slot\'s end', async () => {
    const room = uniqueRoom();
    const { slot } = await speakerWithSlot(room, 'speaker');
    await directRoomService().updateParticipant(room, 'speaker', { permission: { canSubscribe: true, canPublish: false, canPublishData: false } });
    await eventually(() => canPublish(room, 'speaker'), (value) => value === false);
    await expectOldEndLeavesThemAlone(room, 'speaker', slot.endsAt);
    expect((await slots(room)).lastEnded).toMatchObject({ id: slot.id, endReason: 'replaced' });
  });
});

describe("the clock acts only on the slot as it read it", () => {
  it('a slot extended, or replaced, while the tick waited for the speaker is left running and the speaker on stage', async () => {
    const room = uniqueRoom();
    const extended = await speakerWithSlot(room, 'extended');
    const replaced = await speakerWithSlot(room, 'replaced');
    const db = await database();
    const tickAt = new Date(Math.max(extended.slot.endsAt, replaced.slot.endsAt) + 1_000);
    const tickWaiting = async () =>
      lockWaiters(participantLock({ room, identity: 'extended' })) + lockWaiters(participantLock({ room, identity: 'replaced' }));

    // each speaker's lock is held (as a moderator's extend or promote holds it) while the tick reaches them;
    // the tick starts outside the holder's async context, as the clock's timer does (a lock is re-entrant
    // within the context that holds it)
    let held!: () => void;
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (held = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    const holder = withParticipantLock(room, 'extended', () =>
      withParticipantLock(room, 'replaced', async () => {
        held();
        await released;
      }),
    );
    await holding;
    const tick = processDueTimeboxes({ at: tickAt });
    await eventually(tickWaiting, (count) => count >= 1);
    await extendTimebox(db, room, 'extended', 600);
    const sid = (await directRoomService().getParticipant(room, 'replaced')).sid;
    await startTimebox(db, { room, identity: 'replaced', participantSid: sid, seconds: 600, setBy: { id: 'mod-b', email: 'b@test.example' } });
    release();
    await holder;
    const report = await tick;
    expect(report).toMatchObject({ demoted: 0, failed: 0 });
    expect(await canPublish(room, 'extended')).toBe(true);
    expect(await canPublish(room, 'replaced')).toBe(true);
    const running = (await slots(room)).running;
    expect(running.map((s) => s.identity).sort()).toEqual(['extended', 'replaced']);
    expect(running.find((s) => s.identity === 'extended')!.id).toBe(extended.slot.id);
  });
});
