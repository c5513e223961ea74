import { expect, it } from 'vitest';
import {
  act,
  auditRows,
  clusterState,
  describeCluster,
  livekitTarget,
  pinRoom,
  replica,
  roomNodeId,
  roomService,
  signIn,
} from '../helpers/cluster';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

describeCluster('moderating a participant on node B through replica 1', () => {
  it('promote, mute and edit reach the participant’s own SDK, are audited in PostgreSQL, and the session works on replica 2', async () => {
    const state = await clusterState();
    const one = replica(state, '1').url;
    const two = replica(state, '2').url;
    const room = uniqueRoom('moderated');
    await pinRoom(state, room, 'B');
    const member = await joinParticipant(
      { room, identity: 'member', grant: { canPublish: false, canUpdateOwnMetadata: true } },
      livekitTarget(state),
    );
    expect(await roomNodeId(room)).toBe(state.nodes.find((n) => n.name === 'B')!.id);
    const cookie = await signIn(one, state);

    const promoted = await act(one, cookie, 'promoteToSpeaker', { room, identity: 'member' });
    expect(promoted.result).toMatchObject({ ok: true });
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);

    const trackSid = await member.publishTone();
    // the node hosting the room knows the track before a moderator can mute it
    await eventually(
      async () => (await roomService(state, 'A').getParticipant(room, 'member')).tracks.map((track) => track.sid),
      (sids) => sids.includes(trackSid),
    );
    const muted = await act(one, cookie, 'muteTrack', { room, identity: 'member', trackSid });
    expect(muted.result).toMatchObject({ ok: true, data: { sid: trackSid, muted: true } });
    await member.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);

    const metadata = { displayRole: 'Panelist', topic: 'scale-out' };
    const edited = await act(one, cookie, 'updateMetadata', { room, identity: 'member', metadata });
    expect(edited.result).toMatchObject({ ok: true });
    await member.waitFor('metadataChanged', (e) => e.data.identity === 'member' && JSON.parse(String(e.data.metadata)).topic === 'scale-out');

    const attributes = await act(one, cookie, 'updateAttributes', { room, identity: 'member', set: { seat: 'A12' } });
    expect(attributes.result).toMatchObject({ ok: true });
    await member.waitFor('attributesChanged', (e) => (e.data.attributes as Record<string, string>).seat === 'A12');

    const rows = await auditRows(state, { room, identity: 'member' });
    expect(rows.map((row) => [row.action, row.outcome, row.actor_email])).toEqual([
      ['participants.promote', 'ok', state.admin.email],
      ['tracks.mute', 'ok', state.admin.email],
      ['participants.updateMetadata', 'ok', state.admin.email],
      ['participants.updateAttributes', 'ok', state.admin.email],
    ]);
    expect(rows[1]!.target_track).toBe(trackSid);

    // replica 2 accepts replica 1's session: same NEXTAUTH_SECRET, same server-action key and build
    const read = await act(two, cookie, 'getParticipant', { room, identity: 'member' });
    expect(read.result).toMatchObject({ ok: true, data: { identity: 'member', attributes: { seat: 'A12' } } });
    const demoted = await act(two, cookie, 'demoteToAudience', { room, identity: 'member' });
    expect(demoted.result).toMatchObject({ ok: true });
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === false);
  });
});
