import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bans,
  claims,
  database,
  openDatabase,
  type Database,
  type OpenDatabase,
  handsSeen,
  incidents,
  lobbyTickets,
  moderatorPresence,
  attendanceEvents,
  roomAccess,
  roomAdmissions,
  roomAlerts,
  roomChecks,
  timeboxes,
  unmuteRequests,
  webhookEvents,
} from '@/lib/db';
import { pruneRetention } from '@/lib/retention/job';
import { pruneExpiredRows } from '@/lib/retention/store';
import { freshDataDir, POSTGRES_URL } from '../helpers/actors';
import { uniqueRoom } from '../helpers/participants';

const DAY = 24 * 60 * 60_000;
const now = new Date();
const old = new Date(now.getTime() - 31 * DAY); // past the default 30 days
const recent = new Date(now.getTime() - 29 * DAY);
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 60 * 60_000);

/** Per table: rows past the retention (tagged `old`), and rows that must stay (`keep`): recent ones, and old ones a live feature needs. */
async function seed(db: Database, t: (key: string) => string) {
  await db.insert(webhookEvents).values([
    { id: t('old'), event: 'participant_joined', receivedAt: old, payload: { metadata: 'x' } },
    { id: t('keep-recent'), event: 'participant_joined', receivedAt: recent },
    { id: t('keep-held'), event: 'participant_joined', receivedAt: old, status: 'claimed', leaseUntil: new Date(now.getTime() + 30_000) },
  ]);
  await db.insert(attendanceEvents).values([
    { room: t('old'), identity: 'a', event: 'joined', at: old, webhookId: t('p-old') },
    { room: t('keep'), identity: 'a', event: 'left', at: recent, webhookId: t('p-keep') },
  ]);
  await db.insert(roomAlerts).values([
    { room: t('old'), identity: 'a', kind: 'churn', detail: {}, firstAt: old, lastAt: old },
    { room: t('keep'), identity: 'a', kind: 'churn', detail: {}, firstAt: old, lastAt: recent },
  ]);
  await db.insert(unmuteRequests).values([
    { id: t('old'), room: t('old'), identity: 'a', trackSid: 'TR', trackSource: 'microphone', askedBy: 'm', askedAt: old, expiresAt: old, state: 'declined' },
    { id: t('keep'), room: t('keep'), identity: 'a', trackSid: 'TR', trackSource: 'microphone', askedBy: 'm', askedAt: recent, expiresAt: recent, state: 'expired' },
  ]);
  await db.insert(timeboxes).values([
    { room: t('old'), identity: 'a', participantSid: 'PA', startedAt: old, endsAt: old, endedAt: old, endReason: 'expired' },
    { room: t('keep'), identity: 'a', participantSid: 'PA', startedAt: old, endsAt: recent, endedAt: recent, endReason: 'expired' },
    { room: t('keep-running'), identity: 'a', participantSid: 'PA', startedAt: old, endsAt: now },
  ]);
  await db.insert(incidents).values([
    { room: t('old'), startedAt: old },
    { room: t('keep'), startedAt: recent },
  ]);
  await db.insert(bans).values([
    { identity: t('old'), room: 'r', createdAt: old, liftedAt: old },
    { identity: t('old'), room: 'r', createdAt: old, expiresAt: old },
    { identity: t('keep'), room: 'r', createdAt: old, liftedAt: recent },
    { identity: t('keep-active'), room: 'r', createdAt: old },
    { identity: t('keep-active'), room: null, createdAt: old, expiresAt: new Date(now.getTime() + DAY) },
  ]);
  await db.insert(roomAccess).values([
    { room: t('old'), mode: 'open', changedAt: old },
    { room: t('keep'), mode: 'open', changedAt: recent },
    { room: t('keep-locked'), mode: 'locked', changedAt: old },
  ]);
  await db.insert(roomAdmissions).values([
    { room: t('old'), identity: 'a', source: 'present', admittedAt: old },
    { room: t('keep'), identity: 'a', source: 'present', admittedAt: recent },
    { room: t('keep-locked'), identity: 'a', source: 'present', admittedAt: old },
  ]);
  await db.insert(lobbyTickets).values([
    { id: t('old'), room: t('old'), identity: 'a', preset: 'audience', status: 'denied', createdAt: old, lastSeenAt: old, decidedAt: old },
    { id: t('keep'), room: t('keep'), identity: 'a', preset: 'audience', status: 'admitted', createdAt: old, lastSeenAt: old, decidedAt: recent },
  ]);
  await db.insert(handsSeen).values([
    { room: t('old'), identity: 'a', raisedValue: '1', firstSeenAt: old },
    { room: t('keep'), identity: 'a', raisedValue: '1', firstSeenAt: recent },
  ]);
  // live state: worth nothing an hour after it expired or went silent (invented room names included)
  await db.insert(claims).values([
    { room: t('old'), kind: 'hand', identity: 'a', claimedBy: 'm', claimedByName: 'M', claimedAt: hoursAgo(3), expiresAt: hoursAgo(2) },
    { room: t('keep'), kind: 'hand', identity: 'a', claimedBy: 'm', claimedByName: 'M', claimedAt: hoursAgo(1), expiresAt: new Date(now.getTime() + 60_000) },
  ]);
  await db.insert(moderatorPresence).values([
    { room: t('old'), tab: 't', accountId: 'm', name: 'M', lastSeen: hoursAgo(2) },
    { room: t('keep'), tab: 't', accountId: 'm', name: 'M', lastSeen: now },
  ]);
  await db.insert(roomChecks).values([
    { job: 'bans:sweep', room: t('old'), listedAt: hoursAgo(2), covered: hoursAgo(3) },
    { job: 'bans:sweep', room: t('keep'), listedAt: hoursAgo(0.5), covered: hoursAgo(3) },
  ]);
}

async function left(db: Database, tag: string) {
  const rooms = async (rows: Promise<{ key: string | null }[]>) =>
    (await rows).flatMap((row) => (row.key?.startsWith(tag) ? [row.key.slice(tag.length)] : [])).sort();
  return {
    webhook_events: await rooms(db.select({ key: webhookEvents.id }).from(webhookEvents)),
    attendance_events: await rooms(db.select({ key: attendanceEvents.room }).from(attendanceEvents)),
    room_alerts: await rooms(db.select({ key: roomAlerts.room }).from(roomAlerts)),
    unmute_requests: await rooms(db.select({ key: unmuteRequests.room }).from(unmuteRequests)),
    timeboxes: await rooms(db.select({ key: timeboxes.room }).from(timeboxes)),
    incidents: await rooms(db.select({ key: incidents.room }).from(incidents)),
    bans: await rooms(db.select({ key: bans.identity }).from(bans)),
    room_access: await rooms(db.select({ key: roomAccess.room }).from(roomAccess)),
    room_admissions: await rooms(db.select({ key: roomAdmissions.room }).from(roomAdmissions)),
    lobby_tickets: await rooms(db.select({ key: lobbyTickets.room }).from(lobbyTickets)),
    hands_seen: await rooms(db.select({ key: handsSeen.room }).from(handsSeen)),
    claims: await rooms(db.select({ key: claims.room }).from(claims)),
    moderator_presence: await rooms(db.select({ key: moderatorPresence.room }).from(moderatorPresence)),
    room_checks: await rooms(db.select({ key: roomChecks.room }).from(roomChecks)),
  };
}

const EXPECTED_PRUNED = {
  webhook_events: 1,
  attendance_events: 1,
  room_alerts: 1,
  unmute_requests: 1,
  timeboxes: 1,
  incidents: 1,
  bans: 2,
  room_access: 1,
  room_admissions: 1,
  lobby_tickets: 1,
  hands_seen: 1,
  claims: 1,
  moderator_presence: 1,
  room_checks: 1,
};

const EXPECTED_LEFT = {
  webhook_events: ['keep-held', 'keep-recent'],
  attendance_events: ['keep'],
  room_alerts: ['keep'],
  unmute_requests: ['keep'],
  timeboxes: ['keep', 'keep-running'],
  incidents: ['keep'],
  bans: ['keep', 'keep-active', 'keep-active'],
  room_access: ['keep', 'keep-locked'],
  room_admissions: ['keep', 'keep-locked'],
  lobby_tickets: ['keep'],
  hands_seen: ['keep'],
  claims: ['keep'],
  moderator_presence: ['keep'],
  room_checks: ['keep'],
};

describe('retention', () => {
  it('the job deletes the rows of every table past its retention (30 days by default), keeps newer ones and what a live feature needs', async () => {
    const tag = `${uniqueRoom('retention')}:`;
    await seed(await database(), (key) => tag + key);
    const pruned = await pruneRetention(now);
    expect(pruned).toEqual(EXPECTED_PRUNED);
    expect(await left(await database(), tag)).toEqual(EXPECTED_LEFT);
    // a second run finds nothing more
    expect(Object.values((await pruneRetention(now))!).every((rows) => rows === 0)).toBe(true);
  });
});

// PostgreSQL runs where DATABASE_URL points at a server; elsewhere it shows as skipped
const databases: Array<[string, (() => Parameters<typeof openDatabase>[0]) | undefined]> = [
  ['PGlite', () => ({ kind: 'pglite', dir: path.join(freshDataDir(), 'pglite') })],
  ['PostgreSQL', POSTGRES_URL ? () => ({ kind: 'postgres', url: POSTGRES_URL! }) : undefined],
];

let opened: OpenDatabase | undefined;
afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

describe.each(databases)('retention on %s', (_kind, config) => {
  it.skipIf(!config)('the same rows go and stay', async () => {
    opened = await openDatabase(config!());
    const tag = `${uniqueRoom('retention')}:`;
    await seed(opened.db, (key) => tag + key);
    await pruneExpiredRows(opened.db, { eventsBefore: new Date(now.getTime() - 30 * DAY), now });
    expect(await left(opened.db, tag)).toEqual(EXPECTED_LEFT);
  });
});
