import { TrackSource } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getParticipant, muteTrack } from '@/lib/participants/actions';
import { stageRole } from '@/lib/presets/shared';
import { askToUnmute, getRemoteUnmutePolicy, listUnmuteRequests } from '@/lib/unmute-requests/actions';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { UNMUTE_REPLY_ATTRIBUTE, UNMUTE_REQUEST_TOPIC, type UnmuteRequestView } from '@/lib/unmute-requests/shared';
import { watchUnmuteRequests } from '@/lib/unmute-requests/job';
import { startDemoCrowd } from '../../scripts/lib/demo-crowd';
import { answerUnmuteRequests, type UnmuteDecision } from '../../scripts/lib/unmute-responder';
import { actAs, actorWith } from '../helpers/actors';
import { directRoomService, eventually, joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

// the dashboard's own watcher, as the server starts it: no dashboard tab is involved anywhere here
let stopWatching: () => void;
beforeAll(() => {
  stopWatching = watchUnmuteRequests();
});
afterAll(() => stopWatching());

/** A speaker whose app follows the contract with `decision`, its microphone muted by a moderator, and a watcher. */
async function mutedSpeaker(decision: UnmuteDecision) {
  const room = uniqueRoom('unmute');
  const watcher = await joinParticipant({ room, identity: 'watcher' });
  const speaker = await joinParticipant({
    room,
    identity: 'speaker',
    name: 'Speaker',
    grant: { canPublish: true, canPublishSources: [TrackSource.MICROPHONE, TrackSource.CAMERA], canUpdateOwnMetadata: true },
    publishTone: true,
  });
  const [trackSid] = speaker.publishedTrackSids();
  await watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid);
  expect(await muteTrack({ room, identity: 'speaker', trackSid: trackSid! })).toMatchObject({ ok: true });
  await watcher.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);
  answerUnmuteRequests(speaker, () => decision);
  return { room, speaker, watcher, trackSid: trackSid! };
}

async function requestState(room: string, id: string): Promise<UnmuteRequestView | undefined> {
  const listed = await listUnmuteRequests({ room });
  if (!listed.ok) throw new Error(listed.error.message);
  return listed.data.find((request) => request.id === id);
}

const settledTo = (room: string, id: string, timeoutMs = 15_000) =>
  eventually(() => requestState(room, id), (request) => request?.state !== 'asked', { timeoutMs, intervalMs: 200 });

async function trackMuted(room: string, trackSid: string) {
  const info = await directRoomService().getParticipant(room, 'speaker');
  return info.tracks.find((track) => track.sid === trackSid)?.muted;
}

async function auditRows(room: string, action: string) {
  return (await queryAudit(await database(), { room, action })).rows;
}

describe('ask to unmute, on LiveKit with remote unmute off (its default)', () => {
  it('the policy says remote unmute is not allowed here, so rows offer Ask to unmute', async () => {
    const { room } = await mutedSpeaker('ignore');
    expect(await getRemoteUnmutePolicy({ room })).toEqual({ ok: true, data: { allowed: false } });
  });

  it('accept: the request reaches only that participant, who unmutes itself; the request is accepted and audited', async () => {
    const { room, speaker, watcher, trackSid } = await mutedSpeaker('accept');

    const asked = await askToUnmute({ room, identity: 'speaker', trackSid });
    expect(asked).toMatchObject({ ok: true, data: { alreadyAsked: false, request: { state: 'asked', trackSid, source: 'microphone' } } });
    const request = asked.ok ? asked.data.request : undefined!;
    expect(Date.parse(request.expiresAt) - Date.parse(request.askedAt)).toBe(30_000);
    // participants see the moderator's name, never their email
    expect(request.askedBy).toBe('Test moderator');

    const packet = await speaker.waitFor('dataReceived', (e) => e.data.topic === UNMUTE_REQUEST_TOPIC);
    expect(packet.data.identity).toBeUndefined();
    expect(JSON.parse(String(packet.data.text))).toEqual({
      id: request.id,
      trackSid,
      source: 'microphone',
      askedBy: 'Test moderator',
      askedAt: request.askedAt,
      expiresAt: request.expiresAt,
    });

    await watcher.waitFor('trackUnmuted', (e) => e.data.trackSid === trackSid);
    expect(await settledTo(room, request.id)).toMatchObject({ state: 'accepted' });
    expect(await trackMuted(room, trackSid)).toBe(false);
    expect(watcher.events.some((e) => e.type === 'dataReceived' && e.data.topic === UNMUTE_REQUEST_TOPIC)).toBe(false);

    const [ask] = await auditRows(room, 'tracks.askToUnmute');
    expect(ask).toMatchObject({ outcome: 'ok', actorEmail: 'moderator@test.example', targetIdentity: 'speaker', targetTrack: trackSid });
    expect(ask?.after).toMatchObject({ request: { id: request.id, state: 'asked' } });
    const settled = await auditRows(room, 'tracks.unmuteRequestSettled');
    expect(settled).toHaveLength(1);
    expect(settled[0]).toMatchObject({ outcome: 'ok', actorEmail: null, targetIdentity: 'speaker', input: { requestId: request.id, state: 'accepted' } });
  });

  it('decline: the reply attribute declines it; the track stays muted', async () => {
    const { room, speaker, trackSid } = await mutedSpeaker('decline');

    const asked = await askToUnmute({ room, identity: 'speaker', trackSid });
    const id = asked.ok ? asked.data.request.id : undefined!;
    expect(await settledTo(room, id)).toMatchObject({ state: 'declined' });
    expect(await trackMuted(room, trackSid)).toBe(true);
    expect(speaker.room.localParticipant!.attributes[UNMUTE_REPLY_ATTRIBUTE]).toBe(JSON.stringify({ id, answer: 'declined' }));
    expect(await auditRows(room, 'tracks.unmuteRequestSettled')).toMatchObject([{ input: { requestId: id, state: 'declined' } }]);
  });

  it('unanswered: the request expires 30 s after it was asked, not before', { timeout: 70_000 }, async () => {
    const { room, trackSid } = await mutedSpeaker('ignore');

    const asked = await askToUnmute({ room, identity: 'speaker', trackSid });
    const request = asked.ok ? asked.data.request : undefined!;
    const expired = await settledTo(room, request.id, 45_000);
    expect(expired).toMatchObject({ state: 'expired' });
    expect(Date.parse(expired!.settledAt!)).toBeGreaterThanOrEqual(Date.parse(request.askedAt) + 30_000);
    expect(await trackMuted(room, trackSid)).toBe(true);
    expect(await auditRows(room, 'tracks.unmuteRequestSettled')).toMatchObject([{ input: { requestId: request.id, state: 'expired' } }]);
  });

  it('asking again while a request is open sends nothing new; an unmuted or unknown track and a viewer are refused', async () => {
    const { room, speaker, trackSid } = await mutedSpeaker('ignore');

    const first = await askToUnmute({ room, identity: 'speaker', trackSid });
    const second = await askToUnmute({ room, identity: 'speaker', trackSid });
    expect(second).toMatchObject({ ok: true, data: { alreadyAsked: true, request: { id: first.ok ? first.data.request.id : '' } } });
    await speaker.waitFor('dataReceived', (e) => e.data.topic === UNMUTE_REQUEST_TOPIC);

    expect(await askToUnmute({ room, identity: 'watcher', trackSid: 'TR_nothere' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await askToUnmute({ room, identity: 'nobody', trackSid })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await askToUnmute({ room, identity: 'speaker', trackSid: 'not a sid' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    actAs(actorWith('viewer'));
    expect(await askToUnmute({ room, identity: 'speaker', trackSid })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(speaker.events.filter((e) => e.type === 'dataReceived' && e.data.topic === UNMUTE_REQUEST_TOPIC)).toHaveLength(1);
  });

  it('a track that is not muted is not asked about', async () => {
    const room = uniqueRoom('unmute');
    const speaker = await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true });
    const [trackSid] = speaker.publishedTrackSids();
    await eventually(() => directRoomService().getParticipant(room, 'speaker'), (info) => info.tracks.length === 1);
    expect(await askToUnmute({ room, identity: 'speaker', trackSid: trackSid! })).toMatchObject({
      ok: false,
      error: { code: 'failed_precondition', message: "speaker's microphone is not muted" },
    });
  });
});

describe('the demo crowd of npm run dev', () => {
  it('answers: speaker-2 starts muted and declines the first request, speaker-1 accepts and unmutes', { timeout: 60_000 }, async () => {
    const room = uniqueRoom('demo');
    const crowd = await startDemoCrowd(testServer(), { room, audienceSize: 0, log: () => {} });
    try {
      // LiveKit lists a participant before its track: wait for the track, not only the participant
      const trackOf = async (identity: string) => (await directRoomService().getParticipant(room, identity)).tracks[0];
      const quiet = (await eventually(() => trackOf('speaker-2'), (track) => track?.muted === true))!;
      const loud = (await eventually(() => trackOf('speaker-1'), (track) => track !== undefined))!;
      expect(await muteTrack({ room, identity: 'speaker-1', trackSid: loud.sid })).toMatchObject({ ok: true });

      const declined = await askToUnmute({ room, identity: 'speaker-2', trackSid: quiet.sid });
      const accepted = await askToUnmute({ room, identity: 'speaker-1', trackSid: loud.sid });
      expect(await settledTo(room, declined.ok ? declined.data.request.id : '')).toMatchObject({ state: 'declined' });
      expect(await settledTo(room, accepted.ok ? accepted.data.request.id : '')).toMatchObject({ state: 'accepted' });
      expect((await trackOf('speaker-1'))?.muted).toBe(false);
      expect((await trackOf('speaker-2'))?.muted).toBe(true);
      // speakers who may write their own attributes are still speakers, not hosts
      const speaker1 = await getParticipant({ room, identity: 'speaker-1' });
      expect(speaker1.ok && [speaker1.data.permission.canUpdateMetadata, stageRole(speaker1.data.permission)]).toEqual([true, 'speaker']);
    } finally {
      await crowd.leave();
    }
  });
});
