import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { startLiveKitCounter } from '../helpers/livekit-counter';
import { eventually, joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

// the dashboard talks to the real LiveKit through a proxy that counts its RoomService calls
const counter = await startLiveKitCounter(testServer().url);
process.env.LIVEKIT_URL = counter.url;
const participants = await import('@/lib/participants/actions');
const { muteAllButHosts, demoteAllSpeakers } = await import('@/lib/bulk/actions');
const { dismissHand } = await import('@/lib/hands/actions');
const { banParticipant } = await import('@/lib/bans/actions');
const { HAND_ATTRIBUTE } = await import('@/lib/hands/shared');
const { auditEntryById } = await import('@/lib/undo/store');
const { database } = await import('@/lib/db');
const { versionOf, attributeVersion } = await import('@/lib/actions/versions');
const { remoteUnmuteAllowedIn } = await import('@/lib/unmute-requests/policy-service');

afterAll(() => counter.close());
beforeEach(() => counter.reset());

async function member(room: string, identity = 'member', publishTone = false) {
  const joined = await joinParticipant({ room, identity, grant: { canPublish: publishTone }, publishTone });
  if (publishTone) {
    await eventually(
      () => participants.getParticipant({ room, identity }),
      (result) => result.ok && result.data.tracks.length > 0,
    );
  }
  counter.reset();
  return joined;
}

/** One read (inside the participant's lock) and one write: nothing listed, nothing read twice. */
function expectOneReadOneWrite(write: string) {
  expect(counter.calls()).toEqual({ GetParticipant: 1, [write]: 1 });
}

async function auditOf(auditId: number | undefined) {
  const row = await auditEntryById(await database(), auditId!);
  return row!;
}

describe('LiveKit calls per action', () => {
  it('promote and demote: one GetParticipant and one UpdateParticipant; the read is the audit before, the answer the after', async () => {
    const room = uniqueRoom();
    await member(room);
    const promoted = await participants.promoteToSpeaker({ room, identity: 'member' });
    expect(promoted).toMatchObject({ ok: true, data: { permission: { canPublish: true } } });
    expectOneReadOneWrite('UpdateParticipant');
    const entry = await auditOf(promoted.ok ? promoted.auditId : undefined);
    expect(entry.before).toMatchObject({ identity: 'member', permission: { canPublish: false } });
    expect(entry.after).toMatchObject({ identity: 'member', permission: { canPublish: true } });

    counter.reset();
    expect(await participants.demoteToAudience({ room, identity: 'member' })).toMatchObject({ ok: true });
    expectOneReadOneWrite('UpdateParticipant');
  });

  it('a permission save, a preset: one read and one write', async () => {
    const room = uniqueRoom();
    await member(room);
    const result = await participants.setPermissions({ room, identity: 'member', permission: { canSubscribe: false } });
    expect(result).toMatchObject({ ok: true, data: { permission: { canSubscribe: false } } });
    expectOneReadOneWrite('UpdateParticipant');
    counter.reset();
    expect(await participants.applyStagePreset({ room, identity: 'member', preset: 'cohost' })).toMatchObject({ ok: true });
    expectOneReadOneWrite('UpdateParticipant');
  });

  it('metadata, attributes and name checked against the version the editor started from: one read and one write each', async () => {
    const room = uniqueRoom();
    await member(room);
    expect(await participants.updateMetadata({ room, identity: 'member', metadata: '{"a":1}', basedOn: versionOf('') })).toMatchObject({ ok: true });
    expectOneReadOneWrite('UpdateParticipant');
    counter.reset();
    expect(
      await participants.updateAttributes({ room, identity: 'member', set: { team: 'red' }, remove: [], basedOn: { team: attributeVersion({}, 'team') } }),
    ).toMatchObject({ ok: true, data: { attributes: { team: 'red' } } });
    expectOneReadOneWrite('UpdateParticipant');
    counter.reset();
    expect(await participants.updateName({ room, identity: 'member', name: 'Renamed', basedOn: versionOf('') })).toMatchObject({
      ok: true,
      data: { name: 'Renamed' },
    });
    expectOneReadOneWrite('UpdateParticipant');
  });

  it('a stale version is still refused, after the same one read and no write', async () => {
    const room = uniqueRoom();
    await member(room);
    const result = await participants.updateName({ room, identity: 'member', name: 'Mine', basedOn: versionOf('someone else') });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(counter.calls()).toEqual({ GetParticipant: 1 });
  });

  it('mute: one read and one MutePublishedTrack; kick: one read and one RemoveParticipant', async () => {
    const room = uniqueRoom();
    const speaker = await member(room, 'speaker', true);
    const [trackSid] = speaker.publishedTrackSids();
    // whether a mute can be undone is probed once a minute per process (one call), not per mute
    await remoteUnmuteAllowedIn(room, 'speaker');
    counter.reset();
    const muted = await participants.muteTrack({ room, identity: 'speaker', trackSid: trackSid! });
    expect(muted).toMatchObject({ ok: true, data: { sid: trackSid, muted: true } });
    expectOneReadOneWrite('MutePublishedTrack');
    counter.reset();
    const removed = await participants.removeParticipant({ room, identity: 'speaker' });
    expect(removed).toMatchObject({ ok: true });
    expectOneReadOneWrite('RemoveParticipant');
    const entry = await auditOf(removed.ok ? removed.auditId : undefined);
    expect(entry.before).toMatchObject({ identity: 'speaker' });
    expect(entry.after).toBeNull();
  });

  it('a ban of someone in the room: one read (are they there, under their lock) and one RemoveParticipant; of someone gone: the read only', async () => {
    const room = uniqueRoom();
    await member(room, 'troll');
    const banned = await banParticipant({ room, identity: 'troll' });
    expect(banned).toMatchObject({ ok: true, data: { removed: true, ejectedFrom: [room] } });
    expectOneReadOneWrite('RemoveParticipant');
    counter.reset();
    expect(await banParticipant({ room, identity: 'absent' })).toMatchObject({ ok: true, data: { removed: false, ejectedFrom: [] } });
    expect(counter.calls()).toEqual({ GetParticipant: 1 });
  });

  it('a bulk mute: one listing for the request, then one write per track', async () => {
    const room = uniqueRoom();
    await member(room, 'speaker-1', true);
    await member(room, 'speaker-2', true);
    await member(room, 'speaker-3', true);
    const result = await muteAllButHosts({ room });
    expect(result).toMatchObject({ ok: true, data: { total: 3, succeeded: 3 } });
    expect(counter.calls()).toEqual({ ListParticipants: 1, MutePublishedTrack: 3 });
  });

  it('a bulk demote: one listing for the request, then one write per speaker', async () => {
    const room = uniqueRoom();
    await member(room, 'speaker-1', true);
    await member(room, 'speaker-2', true);
    const result = await demoteAllSpeakers({ room });
    expect(result).toMatchObject({ ok: true, data: { total: 2, succeeded: 2 } });
    expect(counter.calls()).toEqual({ ListParticipants: 1, UpdateParticipant: 2 });
  });

  it('dismissing a hand: one read and one write', async () => {
    const room = uniqueRoom();
    const raiser = await joinParticipant({ room, identity: 'raiser', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    await raiser.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
    await eventually(
      () => participants.getParticipant({ room, identity: 'raiser' }),
      (result) => result.ok && Boolean(result.data.attributes[HAND_ATTRIBUTE]),
    );
    counter.reset();
    expect(await dismissHand({ room, identity: 'raiser' })).toMatchObject({ ok: true });
    expectOneReadOneWrite('UpdateParticipant');
  });
});
