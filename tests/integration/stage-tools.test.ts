import { describe, expect, it } from 'vitest';
import { demoteAllSpeakers, lowerAllHands, muteAllButHosts, removeParticipants } from '@/lib/bulk/actions';
import { getParticipant } from '@/lib/participants/actions';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { approveHand, dismissHand, sendNotice } from '@/lib/hands/actions';
import { HAND_ATTRIBUTE, NOTICE_TOPIC } from '@/lib/hands/shared';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

async function raiseHand(room: string, identity: string) {
  const member = await joinParticipant({ room, identity, grant: { canPublish: false, canUpdateOwnMetadata: true } });
  await member.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
  await eventually(
    () => getParticipant({ room, identity }),
    (r) => r.ok && HAND_ATTRIBUTE in r.data.attributes,
  );
  return member;
}

describe('raise-hand queue', () => {
  it('Approve promotes the participant and lowers the hand', async () => {
    const room = uniqueRoom();
    const member = await raiseHand(room, 'asker');

    const result = await approveHand({ room, identity: 'asker' });
    expect(result).toMatchObject({ ok: true, data: { permission: { canPublish: true } } });
    expect(result.ok && result.data.attributes).not.toHaveProperty(HAND_ATTRIBUTE);
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    await member.waitFor('attributesChanged', (e) => !(HAND_ATTRIBUTE in (e.data.attributes as object)));
  });

  it('Dismiss lowers the hand and leaves permissions alone; a hand that is down cannot be approved', async () => {
    const room = uniqueRoom();
    const member = await raiseHand(room, 'asker');

    expect(await dismissHand({ room, identity: 'asker' })).toMatchObject({ ok: true, data: { permission: { canPublish: false } } });
    await member.waitFor('attributesChanged', (e) => !(HAND_ATTRIBUTE in (e.data.attributes as object)));
    expect(await approveHand({ room, identity: 'asker' })).toMatchObject({
      ok: false,
      error: { code: 'failed_precondition', message: 'asker has no raised hand' },
    });
    expect(member.events.some((e) => e.type === 'permissionChanged')).toBe(false);
  });
});

describe('notices', () => {
  it('reach one participant on the stagekeeper.notice topic, or the whole room', async () => {
    const room = uniqueRoom();
    const alice = await joinParticipant({ room, identity: 'alice' });
    const bob = await joinParticipant({ room, identity: 'bob' });

    expect(await sendNotice({ room, identity: 'alice', text: 'You are on stage in 10 s' })).toMatchObject({ ok: true });
    const direct = await alice.waitFor('dataReceived', (e) => e.data.topic === NOTICE_TOPIC);
    expect(JSON.parse(String(direct.data.text))).toMatchObject({ text: 'You are on stage in 10 s' });

    expect(await sendNotice({ room, text: 'Break in 5 minutes' })).toMatchObject({ ok: true });
    await bob.waitFor('dataReceived', (e) => String(e.data.text).includes('Break in 5 minutes'));
    await alice.waitFor('dataReceived', (e) => String(e.data.text).includes('Break in 5 minutes'));
    expect(bob.events.filter((e) => e.type === 'dataReceived')).toHaveLength(1);
  });

  it('refuses an unknown participant, an empty text and an overlong one', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'alice' });
    expect(await sendNotice({ room, identity: 'nobody', text: 'hi' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await sendNotice({ room, text: '   ' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await sendNotice({ room, text: 'x'.repeat(1001) })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});

describe('bulk actions', () => {
  it('mutes every track but the hosts\', as another participant sees, with one audit entry per track', async () => {
    const room = uniqueRoom();
    const watcher = await joinParticipant({ room, identity: 'watcher' });
    const host = await joinParticipant({
      room,
      identity: 'host',
      grant: { canPublish: true, canUpdateOwnMetadata: true },
      publishTone: true,
    });
    const speakers = await Promise.all(
      ['s1', 's2', 's3'].map((identity) => joinParticipant({ room, identity, grant: { canPublish: true }, publishTone: true })),
    );
    const speakerTracks = speakers.flatMap((speaker) => speaker.publishedTrackSids());
    await Promise.all(speakerTracks.map((sid) => watcher.waitFor('trackPublished', (e) => e.data.trackSid === sid)));

    const result = await muteAllButHosts({ room });
    expect(result).toMatchObject({ ok: true, data: { total: 3, succeeded: 3, failed: 0 } });
    await Promise.all(speakerTracks.map((sid) => watcher.waitFor('trackMuted', (e) => e.data.trackSid === sid)));
    const [hostTrack] = host.publishedTrackSids();
    expect(watcher.events.some((e) => e.type === 'trackMuted' && e.data.trackSid === hostTrack)).toBe(false);

    const db = await database();
    const perTrack = (await queryAudit(db, { room, action: 'tracks.mute' })).rows;
    expect(perTrack.map((entry) => entry.targetIdentity).sort()).toEqual(['s1', 's2', 's3']);
    expect(perTrack.every((entry) => entry.outcome === 'ok' && entry.actorEmail === 'moderator@test.example')).toBe(true);
    // each row holds its track unmuted before and muted after (the "before" written with its pending row)
    const trackIn = (state: unknown, sid: string | null) => (state as { tracks: { sid: string; muted: boolean }[] } | null)?.tracks.find((t) => t.sid === sid);
    expect(perTrack.map((entry) => [trackIn(entry.before, entry.targetTrack)?.muted, trackIn(entry.after, entry.targetTrack)?.muted])).toEqual(perTrack.map(() => [false, true]));
    expect((await queryAudit(db, { room, action: 'bulk.muteAllButHosts' })).total).toBe(1);
  });

  it('demotes every speaker, lowers every hand, and reports which removals failed and why', async () => {
    const room = uniqueRoom();
    const speakers = await Promise.all(
      ['s1', 's2'].map((identity) => joinParticipant({ room, identity, grant: { canPublish: true } })),
    );
    await raiseHand(room, 'h1');
    await raiseHand(room, 'h2');

    expect(await demoteAllSpeakers({ room })).toMatchObject({ ok: true, data: { total: 2, succeeded: 2 } });
    await Promise.all(speakers.map((s) => s.waitFor('permissionChanged', (e) => e.data.canPublish === false)));

    expect(await lowerAllHands({ room })).toMatchObject({ ok: true, data: { total: 2, succeeded: 2 } });

    const removal = await removeParticipants({ room, targets: [{ identity: 's1' }, { identity: 'ghost' }] });
    expect(removal).toMatchObject({
      ok: true,
      data: {
        total: 2,
        succeeded: 1,
        failed: 1,
        results: [
          { identity: 's1', ok: true },
          { identity: 'ghost', ok: false, error: { code: 'not_found' } },
        ],
      },
    });
    await speakers[0]!.waitFor('disconnected');
  });
});
