import { DisconnectReason } from '@livekit/rtc-node';
import { TrackSource } from 'livekit-server-sdk';
import { describe, expect, it } from 'vitest';
import { banParticipant, listBans } from '@/lib/bans/actions';
import { demoteAllSpeakers } from '@/lib/bulk/actions';
import { demoteToAudience, getParticipant, muteTrack, removeParticipant, setPermissions } from '@/lib/participants/actions';
import { savePreset } from '@/lib/presets/actions';
import { presetVersion } from '@/lib/presets/shared';
import type { ActionResult } from '@/lib/actions/result';
import { sendNotice } from '@/lib/hands/actions';
import { undo } from '@/lib/undo/actions';
import { banReason } from '@/lib/bans/service';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { loadPresets } from '@/lib/presets/store';
import { auditEntryById, childEntries } from '@/lib/undo/store';
import type { ParticipantView, PermissionView } from '@/lib/livekit/types';
import { actAs, actorWith } from '../helpers/actors';
import { CUSTOM_PERMISSION_VIEW, directRoomService, eventually, joinCustomMember, joinParticipant, uniqueRoom } from '../helpers/participants';

const moderatorA = { ...actorWith('moderator'), id: 'mod-a', email: 'a@test.example', label: 'Moderator A' };
const moderatorB = { ...actorWith('moderator'), id: 'mod-b', email: 'b@test.example', label: 'Moderator B' };

async function read(room: string, identity: string): Promise<ParticipantView> {
  const result = await getParticipant({ room, identity });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

function auditIdOf<T>(result: ActionResult<T>): number {
  if (!result.ok) throw new Error(result.error.message);
  expect(result.auditId).toEqual(expect.any(Number));
  return result.auditId!;
}

describe('undo of a permission change', () => {
  it('undo of a demote restores the whole permission before (a custom one, not a preset), and the participant gets it', async () => {
    const room = uniqueRoom();
    const member = await joinCustomMember(room);
    actAs(moderatorA);
    const demoted = await demoteToAudience({ room, identity: 'member' });
    expect((await read(room, 'member')).permission.canPublish).toBe(false);

    const asked = Date.now();
    const undone = await undo({ auditEntryId: auditIdOf(demoted) });
    expect(undone).toMatchObject({ ok: true, data: { entryId: auditIdOf(demoted), action: 'participants.demote' } });
    expect((await read(room, 'member')).permission).toEqual(CUSTOM_PERMISSION_VIEW);
    await member.waitFor(
      'permissionChanged',
      (e) => e.at >= asked && e.data.canPublish === true && e.data.canPublishData === false && e.data.canUpdateMetadata === true,
    );
  });

  it('is refused, naming what changed, when a second moderator changed the participant since; nothing is written', async () => {
    const room = uniqueRoom();
    await joinCustomMember(room);
    actAs(moderatorA);
    const demoted = await demoteToAudience({ room, identity: 'member' });
    actAs(moderatorB);
    expect(await setPermissions({ room, identity: 'member', permission: { canSubscribe: false } })).toMatchObject({ ok: true });

    actAs(moderatorA);
    const refused = await undo({ auditEntryId: auditIdOf(demoted) });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'conflict',
        message: expect.stringMatching(/permission changed since \(canSubscribe\)/),
        conflicts: [{ field: 'permission.canSubscribe', current: false }],
      },
    });
    const now = await read(room, 'member');
    expect(now.permission).toMatchObject({ canSubscribe: false, canPublish: false });
    // refused, so the entry is not used up: once B's change is gone again, A may undo
    expect((await auditEntryById(await database(), auditIdOf(demoted)))?.undoneById).toBeNull();
  });

  it('is refused when the participant left, and when they rejoined as a new session', async () => {
    const room = uniqueRoom();
    const member = await joinCustomMember(room);
    const demoted = await demoteToAudience({ room, identity: 'member' });
    await member.leave();
    expect(await undo({ auditEntryId: auditIdOf(demoted) })).toMatchObject({
      ok: false,
      error: { code: 'failed_precondition', message: expect.stringMatching(/has left/) },
    });

    await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    expect(await undo({ auditEntryId: auditIdOf(demoted) })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/joined again since/) },
    });
  });
});

describe('undo of a mute where remote unmute is not allowed (LiveKit default, the dashboard told so by default)', () => {
  it('a mute offers no undo, and an undo asked for anyway says why LiveKit refuses it', async () => {
    const room = uniqueRoom();
    const speaker = await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true });
    const [trackSid] = speaker.publishedTrackSids();
    await eventually(() => read(room, 'speaker'), (p) => p.tracks.some((track) => track.sid === trackSid));
    const mute = await muteTrack({ room, identity: 'speaker', trackSid: trackSid! });
    expect(mute).toMatchObject({ ok: true });
    expect('auditId' in mute).toBe(false);
    const [entry] = (await queryAudit(await database(), { room, action: 'tracks.mute' })).rows;
    expect(await undo({ auditEntryId: entry!.id })).toMatchObject({ ok: false, error: { code: 'remote_unmute_disabled' } });
    expect((await read(room, 'speaker')).tracks[0]).toMatchObject({ sid: trackSid, muted: true });
  });
});

describe('undo of bans and kicks', () => {
  it('undo of a ban lifts it, and says LiveKit cannot put the participant back', async () => {
    const room = uniqueRoom();
    const troll = await joinParticipant({ room, identity: 'troll' });
    const banned = await banParticipant({ room, identity: 'troll', reason: 'spam' });
    expect((await troll.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    expect(await banReason(room, 'troll')).toMatch(/troll is banned/);

    const undone = await undo({ auditEntryId: auditIdOf(banned) });
    expect(undone).toMatchObject({ ok: true, data: { message: expect.stringMatching(/^Lifted the ban .*cannot put troll back into/) } });
    expect(await banReason(room, 'troll')).toBeNull();
    const bans = await listBans();
    expect(bans.ok && bans.data.filter((ban) => ban.identity === 'troll' && ban.room === room)).toEqual([]);
  });

  it('undo of a kick lifts the ban made with it, says so, and says it cannot re-add them', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'troll' });
    const kicked = await removeParticipant({ room, identity: 'troll' });
    expect(await banParticipant({ room, identity: 'troll', reason: 'came back', kickEntryId: auditIdOf(kicked) })).toMatchObject({ ok: true });

    const undone = await undo({ auditEntryId: auditIdOf(kicked) });
    expect(undone).toMatchObject({
      ok: true,
      data: { message: expect.stringMatching(/^Lifted the ban \(troll is banned from .*: came back\)\. LiveKit cannot put troll back into/) },
    });
    expect(await banReason(room, 'troll')).toBeNull();
  });

  it("undo of a kick lifts no ban it did not make: another moderator's ban from every room, made after the kick, stays", async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'troll' });
    actAs(moderatorA);
    const kicked = await removeParticipant({ room, identity: 'troll' });
    actAs(moderatorB);
    const banned = await banParticipant({ room, identity: 'troll', scope: 'everywhere', reason: 'raid' });
    expect(banned).toMatchObject({ ok: true });
    actAs(moderatorA);
    try {
      expect(await undo({ auditEntryId: auditIdOf(kicked) })).toMatchObject({
        ok: true,
        data: { message: expect.stringMatching(/^No ban to lift\. LiveKit cannot put troll back/) },
      });
      expect(await banReason(room, 'troll')).toMatch(/troll is banned/);
      expect(await banReason(uniqueRoom(), 'troll')).toMatch(/troll is banned/);
    } finally {
      actAs(actorWith('moderator'));
    }
  });

  it('a ban names only a kick of the same participant in the same room as the kick it was made with', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'pest' });
    await joinParticipant({ room, identity: 'other' });
    const kicked = await removeParticipant({ room, identity: 'other' });
    const promoted = await demoteToAudience({ room, identity: 'pest' });
    for (const kickEntryId of [auditIdOf(kicked), auditIdOf(promoted), 999_999_999]) {
      expect(await banParticipant({ room, identity: 'pest', kickEntryId })).toMatchObject({
        ok: false,
        error: { code: 'failed_precondition', message: expect.stringMatching(/is not a kick of pest in/) },
      });
    }
    expect(await banReason(room, 'pest')).toBeNull();
  });

  it('undo of a plain kick says there was no ban and that it cannot re-add them', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'troll' });
    const kicked = await removeParticipant({ room, identity: 'troll' });
    expect(await undo({ auditEntryId: auditIdOf(kicked) })).toMatchObject({
      ok: true,
      data: { message: expect.stringMatching(/^No ban to lift\. LiveKit cannot put troll back/) },
    });
  });
});

describe('the undo entry', () => {
  it('is audited as an undo pointing to the original, which points back; undoing twice is refused', async () => {
    const room = uniqueRoom();
    await joinCustomMember(room);
    actAs(moderatorA);
    const demoted = await demoteToAudience({ room, identity: 'member' });
    const original = auditIdOf(demoted);
    expect(await undo({ auditEntryId: original })).toMatchObject({ ok: true });

    const db = await database();
    const first = await auditEntryById(db, original);
    const undoEntry = await auditEntryById(db, first!.undoneById!);
    expect(undoEntry).toMatchObject({
      action: 'audit.undo',
      undoesId: original,
      outcome: 'ok',
      actorEmail: 'a@test.example',
      room,
      targetIdentity: 'member',
      input: { auditEntryId: original },
    });
    expect((undoEntry!.before as ParticipantView).permission.canPublish).toBe(false);
    expect((undoEntry!.after as ParticipantView).permission).toEqual(CUSTOM_PERMISSION_VIEW);

    actAs(moderatorB);
    expect(await undo({ auditEntryId: original })).toMatchObject({
      ok: false,
      error: { code: 'failed_precondition', message: expect.stringMatching(/was undone already by a@test\.example/) },
    });
    expect(await undo({ auditEntryId: undoEntry!.id })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/is itself an undo/) } });
  });

  it('two moderators undoing the same entry at once: exactly one wins', async () => {
    const room = uniqueRoom();
    await joinCustomMember(room);
    const original = auditIdOf(await demoteToAudience({ room, identity: 'member' }));
    actAs(moderatorA);
    const first = undo({ auditEntryId: original });
    actAs(moderatorB);
    const second = undo({ auditEntryId: original });
    const results = await Promise.all([first, second]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ error: { message: expect.stringMatching(/undone already/) } });
  });

  it('needs the role the original needed: a preset edit is undone by an admin only', async () => {
    actAs(actorWith('admin'));
    const before = (await loadPresets(await database())).cohost;
    const saved = await savePreset({ preset: 'cohost', permission: { ...before, canPublishData: !before.canPublishData }, basedOn: presetVersion(before) });
    actAs(actorWith('moderator'));
    expect(await undo({ auditEntryId: auditIdOf(saved) })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/needs the admin role/) } });
    actAs(actorWith('viewer'));
    expect(await undo({ auditEntryId: auditIdOf(saved) })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    actAs(actorWith('admin'));
    expect(await undo({ auditEntryId: auditIdOf(saved) })).toMatchObject({ ok: true });
    expect((await loadPresets(await database())).cohost).toEqual(before);
  });

  it('refuses bad input and unknown entries with a clear error', async () => {
    expect(await undo({ auditEntryId: -1 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await undo({ auditEntryId: 987_654_321 })).toMatchObject({ ok: false, error: { code: 'not_found', message: 'There is no audit entry #987654321' } });
    expect(await undo({ auditEntryId: 1, extra: true } as never)).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses an entry that changed nothing, and one of an action undo does not know', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'x' });
    expect(await removeParticipant({ room, identity: 'absent' })).toMatchObject({ ok: false });
    const db = await database();
    const [failed] = (await queryAudit(db, { room, action: 'participants.remove' })).rows;
    expect(await undo({ auditEntryId: failed!.id })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/did not complete \(error\)/) } });
    const noticed = await sendNotice({ room, text: 'hello' });
    expect(noticed).toMatchObject({ ok: true });
    expect('auditId' in noticed).toBe(false);
    const [notice] = (await queryAudit(db, { room, action: 'notices.send' })).rows;
    expect(await undo({ auditEntryId: notice!.id })).toMatchObject({ ok: false, error: { message: 'notices.send cannot be undone' } });
  });
});

describe('undo of a bulk request', () => {
  it('restores every item it can and reports the rest: one speaker changed by another moderator stays as they left it', async () => {
    const room = uniqueRoom();
    for (const identity of ['s1', 's2', 's3']) {
      await joinParticipant({ room, identity, grant: { canPublish: true, canPublishSources: [TrackSource.MICROPHONE, TrackSource.CAMERA] } });
    }
    actAs(moderatorA);
    const bulk = await demoteAllSpeakers({ room, targets: [{ identity: 's1' }, { identity: 's2' }, { identity: 's3' }] });
    expect(bulk).toMatchObject({ ok: true, data: { succeeded: 3 } });
    const children = await childEntries(await database(), auditIdOf(bulk));
    expect(children.map((child) => [child.action, child.targetIdentity]).sort()).toEqual([
      ['participants.demote', 's1'],
      ['participants.demote', 's2'],
      ['participants.demote', 's3'],
    ]);

    actAs(moderatorB);
    // the audience preset gives no data (as audience tokens): B's change is allowing it
    await setPermissions({ room, identity: 's2', permission: { canPublishData: true } });
    actAs(moderatorA);
    const undone = await undo({ auditEntryId: auditIdOf(bulk) });
    expect(undone).toMatchObject({ ok: true, data: { message: 'Undid 2 of 3; 1 could not be undone' } });
    const items = undone.ok ? undone.data.items! : [];
    expect(items.find((item) => item.identity === 's2')).toMatchObject({ ok: false, message: expect.stringMatching(/changed since \(canPublishData\)/) });
    expect((await read(room, 's1')).permission.canPublish).toBe(true);
    expect((await read(room, 's3')).permission.canPublish).toBe(true);
    expect((await read(room, 's2')).permission).toMatchObject({ canPublish: false, canPublishData: true });

    const db = await database();
    const undoEntry = await auditEntryById(db, (await auditEntryById(db, auditIdOf(bulk)))!.undoneById!);
    const itemUndos = await childEntries(db, undoEntry!.id);
    expect(itemUndos.map((entry) => [entry.undoesId, entry.outcome]).sort()).toEqual(
      children.map((child) => [child.id, child.targetIdentity === 's2' ? 'error' : 'ok']).sort(),
    );
  });
});
