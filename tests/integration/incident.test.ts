import { describe, expect, it } from 'vitest';
import { demoteAllSpeakers, muteAllButHosts } from '@/lib/bulk/actions';
import { startIncident, undoIncident } from '@/lib/incident/actions';
import { getParticipant, listParticipants } from '@/lib/participants/actions';
import { unwrap } from '@/lib/actions/result';
import { auditEntries, database } from '@/lib/db';
import { previewBulk, type BulkKind } from '@/lib/bulk/shared';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { roomAccess, setRoomAccess } from '@/lib/access/service';
import { eq } from 'drizzle-orm';
import { TrackSource } from 'livekit-server-sdk';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

const HOST_GRANT = { canPublish: true, canUpdateOwnMetadata: true };
/** a permission no preset gives: microphone only, no data, may update their own metadata */
const SPEAKER_GRANT = { canPublish: true, canPublishSources: [TrackSource.MICROPHONE], canPublishData: false, canUpdateOwnMetadata: true };

/** The preview a moderator's table would show now: the same listing the room page starts from. */
async function preview(kind: BulkKind, room: string) {
  return previewBulk(kind, unwrap(await listParticipants({ room })));
}

async function raiseHand(room: string, identity: string) {
  const member = await joinParticipant({ room, identity, grant: { canPublish: false, canUpdateOwnMetadata: true } });
  await member.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
  await eventually(() => getParticipant({ room, identity }), (r) => r.ok && HAND_ATTRIBUTE in r.data.attributes);
  return member;
}

const participant = async (room: string, identity: string) => unwrap(await getParticipant({ room, identity }));

async function auditRows(room: string) {
  const db = await database();
  return db.select().from(auditEntries).where(eq(auditEntries.room, room));
}

describe('bulk previews: the server applies a bulk action to exactly the list the moderator saw', () => {
  it('a speaker who joined after the preview is not touched; one whose permissions changed since is reported', async () => {
    const room = uniqueRoom();
    await Promise.all(['s1', 's2'].map((identity) => joinParticipant({ room, identity, grant: { canPublish: true } })));
    const shown = await preview('demote', room);
    expect(shown.summary).toEqual(['Move 2 speakers to the audience']);

    await joinParticipant({ room, identity: 'late', grant: { canPublish: true } });
    await directRoomService().updateParticipant(room, 's2', { permission: { canPublish: true, canSubscribe: true, canPublishData: false } });

    const result = unwrap(await demoteAllSpeakers({ room, targets: shown.targets }));
    expect(result.results.map((r) => r.identity).sort()).toEqual(['s1', 's2']);
    expect(result.results.find((r) => r.identity === 's1')).toMatchObject({ ok: true });
    expect(result.results.find((r) => r.identity === 's2')).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: "s2's permissions changed since the preview; left as it is" },
    });
    expect((await participant(room, 's1')).permission.canPublish).toBe(false);
    expect((await participant(room, 's2')).permission).toMatchObject({ canPublish: true, canPublishData: false });
    expect((await participant(room, 'late')).permission.canPublish).toBe(true);
  });

  it('mutes exactly the previewed tracks: a publisher who joined after the preview keeps talking', async () => {
    const room = uniqueRoom();
    const speaker = await joinParticipant({ room, identity: 's1', grant: { canPublish: true }, publishTone: true });
    await eventually(() => participant(room, 's1'), (p) => p.tracks.length === 1);
    const shown = await preview('mute', room);
    expect(shown.summary).toEqual(['Mute 1 track of 1 participant']);

    const late = await joinParticipant({ room, identity: 'late', grant: { canPublish: true }, publishTone: true });
    await eventually(() => participant(room, 'late'), (p) => p.tracks.length === 1);

    expect(await muteAllButHosts({ room, targets: shown.targets })).toMatchObject({ ok: true, data: { total: 1, succeeded: 1 } });
    expect((await participant(room, 's1')).tracks.map((t) => [t.sid, t.muted])).toEqual([[speaker.publishedTrackSids()[0], true]]);
    expect((await participant(room, 'late')).tracks.map((t) => [t.sid, t.muted])).toEqual([[late.publishedTrackSids()[0], false]]);
  });
});

describe('the incident button', () => {
  it('mutes all but hosts, moves speakers to the audience, lowers hands and locks the room: one incident row, each part its own row', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'host', grant: HOST_GRANT, publishTone: true });
    await joinParticipant({ room, identity: 's1', grant: { canPublish: true }, publishTone: true });
    await raiseHand(room, 'a1');
    await eventually(() => listParticipants({ room }), (r) => r.ok && r.data.filter((p) => p.tracks.length > 0).length === 2);
    const shown = await preview('incident', room);
    expect(shown.targets.map((t) => t.identity).sort()).toEqual(['a1', 's1']);
    expect(shown.untouched).toEqual([{ name: 'host', why: 'host' }]);
    await joinParticipant({ room, identity: 'late', grant: { canPublish: true } });

    const summary = unwrap(await startIncident({ room, targets: shown.targets.map((t) => ({ identity: t.identity, version: t.version! })) }));
    expect(summary.lock).toEqual({ ok: true, before: 'open', after: 'locked' });
    expect(summary).toMatchObject({ succeeded: 2, failed: 0 });
    expect(summary.participants.find((p) => p.identity === 's1')!.parts.map((p) => [p.part, p.ok])).toEqual([['mute', true], ['demote', true]]);
    expect(summary.participants.find((p) => p.identity === 'a1')!.parts.map((p) => [p.part, p.ok])).toEqual([['hand', true]]);
    expect(await roomAccess(room)).toBe('locked');

    const s1 = await participant(room, 's1');
    expect(s1.permission.canPublish).toBe(false);
    // LiveKit removes the tracks of a source the participant may no longer publish
    await eventually(() => participant(room, 's1'), (p) => p.tracks.length === 0);
    expect((await participant(room, 'a1')).attributes).not.toHaveProperty(HAND_ATTRIBUTE);
    expect((await participant(room, 'host')).tracks.every((t) => !t.muted)).toBe(true);
    expect((await participant(room, 'late')).permission.canPublish).toBe(true);

    const rows = await auditRows(room);
    const incident = rows.filter((row) => row.action === 'incident.start');
    expect(incident).toHaveLength(1);
    expect(incident[0]!.outcome).toBe('ok');
    const parts = rows.filter((row) => (row.input as { partOf?: number }).partOf === incident[0]!.id);
    expect(parts.map((row) => `${row.action} ${row.targetIdentity ?? ''} ${row.outcome}`).sort()).toEqual([
      'access.set  ok',
      'hands.dismiss a1 ok',
      'participants.demote s1 ok',
      'tracks.mute s1 ok',
    ]);
    const changes = rows.filter((row) => row.access !== 'read');
    expect(changes.filter((row) => row.targetIdentity === 'host' || row.targetIdentity === 'late')).toEqual([]);
  });

  it('Undo restores each permission exactly and the lock state from before; a participant changed in between is reported, the rest restored', async () => {
    const room = uniqueRoom();
    await setRoomAccess(room, 'knock', null, { present: [] });
    await Promise.all(['s1', 's2', 's3'].map((identity) => joinParticipant({ room, identity, grant: SPEAKER_GRANT, publishTone: true })));
    // a hidden publisher (a recorder, say) is muted but not moved: its track stays, muted
    await joinParticipant({ room, identity: 'rec', grant: { canPublish: true, hidden: true }, publishTone: true });
    await eventually(() => listParticipants({ room }), (r) => r.ok && r.data.filter((p) => p.tracks.length > 0).length === 4);
    const before = Object.fromEntries(await Promise.all(['s1', 's2', 's3'].map(async (id) => [id, (await participant(room, id)).permission])));
    const shown = await preview('incident', room);
    const summary = unwrap(await startIncident({ room, targets: shown.targets.map((t) => ({ identity: t.identity, version: t.version! })) }));
    expect(summary).toMatchObject({ succeeded: 4, lock: { before: 'knock', after: 'locked' } });
    expect((await participant(room, 'rec')).tracks.map((t) => t.muted)).toEqual([true]);

    // another moderator brings s2 back on stage meanwhile
    await directRoomService().updateParticipant(room, 's2', { permission: { canPublish: true, canSubscribe: true, canPublishData: true } });
    await eventually(() => participant(room, 's2'), (p) => p.permission.canPublish);

    const undone = unwrap(await undoIncident({ room, incidentId: summary.incidentId }));
    const s2 = undone.participants.find((p) => p.identity === 's2')!;
    expect(s2).toMatchObject({ ok: false, error: { code: 'conflict', message: "s2's permissions changed since the incident (now speaker); left as it is" } });
    for (const id of ['s1', 's3']) {
      const result = undone.participants.find((p) => p.identity === id)!;
      expect(result.parts).toEqual([{ part: 'permission', ok: true }]);
      expect(result.note).toMatch(/was unpublished when LiveKit took away the permission to publish/);
      expect((await participant(room, id)).permission).toEqual(before[id]);
    }
    expect((await participant(room, 's2')).permission).toMatchObject({ canPublish: true, canPublishSources: [] });
    expect(undone.participants.find((p) => p.identity === 'rec')).toMatchObject({ ok: true, parts: [] });
    expect(undone.participants.find((p) => p.identity === 'rec')!.note).toMatch(/stays muted: remote unmute is off on this LiveKit server/);
    expect((await participant(room, 'rec')).tracks.map((t) => t.muted)).toEqual([true]);
    expect(undone.lock).toEqual({ ok: true, before: 'locked', after: 'knock' });
    expect(await roomAccess(room)).toBe('knock');

    const rows = await auditRows(room);
    const undoRow = rows.find((row) => row.action === 'incident.undo')!;
    const parts = rows.filter((row) => (row.input as { partOf?: number }).partOf === undoRow.id);
    expect(parts.filter((row) => row.outcome === 'ok').map((row) => `${row.action} ${row.targetIdentity ?? ''}`).sort()).toEqual([
      'access.set ',
      'participants.restorePermission s1',
      'participants.restorePermission s3',
    ]);
    // the unmute of rec's track learns that this server refuses remote unmutes
    expect(parts.filter((row) => row.outcome !== 'ok').map((row) => `${row.action} ${row.targetIdentity} ${row.errorCode}`)).toEqual([
      'tracks.unmute rec remote_unmute_disabled',
    ]);

    expect(await undoIncident({ room, incidentId: summary.incidentId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
  it('two moderators starting an incident at once quiet each participant once; the other reports them as changed since', async () => {
    const room = uniqueRoom();
    await Promise.all(['s1', 's2', 's3'].map((identity) => joinParticipant({ room, identity, grant: { canPublish: true } })));
    const shown = await preview('incident', room);
    const targets = shown.targets.map((t) => ({ identity: t.identity, version: t.version! }));

    const [first, second] = (await Promise.all([startIncident({ room, targets }), startIncident({ room, targets })])).map(unwrap);
    for (const identity of ['s1', 's2', 's3']) {
      const outcomes = [first!, second!].map((summary) => summary.participants.find((p) => p.identity === identity)!);
      expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
      expect(outcomes.find((outcome) => !outcome.ok)!.error).toMatchObject({ code: 'conflict' });
    }
    const demotes = (await auditRows(room)).filter((row) => row.action === 'participants.demote');
    expect(demotes.map((row) => row.targetIdentity).sort()).toEqual(['s1', 's2', 's3']);
    expect(await roomAccess(room)).toBe('locked');
  });
});
