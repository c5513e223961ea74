/**
 * What the tables keep: `npm run bench -- retention` (or `npx tsx --tsconfig bench/tsconfig.server.json
 * bench/retention.ts [days] [retentionDays]`). On a throwaway PGlite it writes, through the real stores,
 * what a two-hour event of 500 participants and 10 moderators leaves behind, once per simulated day;
 * after each day every row is made a day older (its timestamps moved back) and the retention prune
 * runs. It prints the rows and bytes (sum of pg_column_size of the live rows) per table after one event,
 * then the totals day by day: they stop growing once the retention has passed. Counts, not timings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';

const [days = 7, retentionDays = 3] = process.argv.slice(2).map(Number).filter((n) => n > 0);
const dataDir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-bench-retention-'));
Object.assign(process.env, { STAGEKEEPER_DATA_DIR: dataDir, STAGEKEEPER_EVENT_RETENTION_DAYS: String(retentionDays) });
delete process.env.DATABASE_URL;

const { database } = await import('@/lib/db');
const { claimWebhookEvent, completeWebhookEvent } = await import('@/lib/webhooks/store');
const { recordAttendance } = await import('@/lib/history/attendance-store');
const { raiseAlert } = await import('@/lib/teamwork/alerts-store');
const { insertUnmuteRequest, settleUnmuteRequest } = await import('@/lib/unmute-requests/store');
const { startTimebox, endTimebox } = await import('@/lib/timeboxes/store');
const { insertIncident } = await import('@/lib/incident/store');
const { insertBan, liftBanRow } = await import('@/lib/bans/store');
const { admitIdentities, clearAdmissions, writeAccessRow } = await import('@/lib/access/store');
const { decideTickets, openTicket } = await import('@/lib/access/lobby-store');
const { recordHandsSeen } = await import('@/lib/hands/store');
const { claimTarget } = await import('@/lib/teamwork/claims-store');
const { enterPresence } = await import('@/lib/teamwork/presence-store');
const { pruneRetention } = await import('@/lib/retention/job');
type Database = Awaited<ReturnType<typeof database>>;

const PARTICIPANTS = 500;
const MODERATORS = 10;
const RECONNECTS = 50;
const SPEAKERS = 20;
const METADATA = JSON.stringify({ company: 'Example GmbH', title: 'Attendee', pronouns: 'they/them', avatar: 'https://example.com/a.png' });

/** The timestamp columns of every pruned table: moved a day back to age a day. */
const TIME_COLUMNS: Record<string, string[]> = {
  webhook_events: ['received_at', 'created_at', 'lease_until'],
  attendance_events: ['at'],
  room_alerts: ['first_at', 'last_at', 'dismissed_at'],
  unmute_requests: ['asked_at', 'expires_at', 'settled_at'],
  timeboxes: ['started_at', 'ends_at', 'ended_at', 'next_attempt_at'],
  incidents: ['started_at', 'undone_at'],
  bans: ['created_at', 'expires_at', 'lifted_at'],
  room_access: ['changed_at'],
  room_admissions: ['admitted_at'],
  lobby_tickets: ['created_at', 'last_seen_at', 'decided_at'],
  hands_seen: ['first_seen_at'],
  claims: ['claimed_at', 'expires_at'],
  moderator_presence: ['last_seen'],
  room_checks: ['listed_at', 'covered'],
};
const TABLES = Object.keys(TIME_COLUMNS);

async function webhook(db: Database, day: number, n: number, event: string, room: string, identity?: string, sid?: string) {
  const participant = identity ? { identity, sid, name: `Guest ${identity}`, metadata: METADATA, joinedAt: Date.now() } : undefined;
  const delivered = {
    id: `EV_${day}_${n}`,
    event,
    room,
    identity,
    participantSid: sid,
    createdAt: Date.now(),
    participant: participant as never,
    payload: { event, id: `EV_${day}_${n}`, room: { name: room, sid: `RM_${room}` }, ...(participant && { participant }) },
  };
  await claimWebhookEvent(db, delivered, 30_000);
  await recordAttendance(db, delivered);
  await completeWebhookEvent(db, delivered.id);
}

/** One two-hour event's rows, written through the stores the dashboard writes them with. */
async function oneEvent(db: Database, day: number) {
  const room = `event-${day}`;
  let n = 0;
  await webhook(db, day, n++, 'room_started', room);
  for (let i = 0; i < PARTICIPANTS; i += 1) await webhook(db, day, n++, 'participant_joined', room, `p${i}`, `PA_${day}_${i}`);
  for (let i = 0; i < RECONNECTS; i += 1) {
    await webhook(db, day, n++, 'participant_left', room, `p${i}`, `PA_${day}_${i}`);
    await webhook(db, day, n++, 'participant_joined', room, `p${i}`, `PA_${day}_${i}_again`);
  }
  for (let i = 0; i < SPEAKERS; i += 1) {
    await webhook(db, day, n++, 'track_published', room, `p${i}`, `PA_${day}_${i}`);
    await webhook(db, day, n++, 'track_unpublished', room, `p${i}`, `PA_${day}_${i}`);
  }
  // the event ends: everyone leaves (a reconnected participant's second session)
  for (let i = 0; i < PARTICIPANTS; i += 1) await webhook(db, day, n++, 'participant_left', room, `p${i}`, i < RECONNECTS ? `PA_${day}_${i}_again` : `PA_${day}_${i}`);
  await webhook(db, day, n++, 'room_finished', room);
  const moderators = Array.from({ length: MODERATORS }, (_, i) => ({ id: `m${i}`, name: `Moderator ${i}`, email: `m${i}@example.com` }));
  for (const m of moderators) await enterPresence(db, { room, tab: `tab-${m.id}`, stream: `stream-${day}-${m.id}`, accountId: m.id, name: m.name });
  await recordHandsSeen(db, room, Array.from({ length: 80 }, (_, i) => ({ identity: `p${i}`, value: `${day}` })), []);
  for (let i = 0; i < 80; i += 1) await claimTarget(db, { kind: 'hand', room, identity: `p${i}` }, moderators[i % MODERATORS]!, 120_000);
  await writeAccessRow(db, room, 'knock', moderators[0]!.email);
  for (let i = 0; i < 50; i += 1) await openTicket(db, { room, identity: `late${i}`, name: `Late ${i}`, metadata: METADATA, preset: 'audience' });
  const admitted = await decideTickets(db, room, Array.from({ length: 40 }, (_, i) => `late${i}`), 'admitted', moderators[0]!.email);
  await admitIdentities(db, room, admitted.map((ticket) => ticket.identity), 'lobby', moderators[0]!.email);
  await decideTickets(db, room, undefined, 'denied', moderators[0]!.email);
  for (let i = 0; i < 30; i += 1) {
    const request = await insertUnmuteRequest(
      db,
      { id: `ur_${day}_${i}`, room, identity: `p${i}`, trackSid: `TR_${i}`, trackSource: 'microphone', askedBy: 'Moderator 0', askedByEmail: moderators[0]!.email },
      30_000,
    );
    await settleUnmuteRequest(db, request.id, i % 3 === 0 ? 'declined' : 'accepted');
  }
  for (let i = 0; i < SPEAKERS; i += 1) {
    await startTimebox(db, { room, identity: `p${i}`, participantSid: `PA_${day}_${i}`, seconds: 120, setBy: moderators[1]! });
    await endTimebox(db, room, `p${i}`, { reason: 'expired', by: null });
  }
  await insertIncident(db, { room, auditId: undefined, startedBy: moderators[2]!.email });
  for (let i = 0; i < 5; i += 1) await raiseAlert(db, { room, identity: `p${i}`, kind: 'churn', detail: { sessions: 4, windowMs: 60_000 } });
  for (let i = 0; i < 5; i += 1) {
    const ban = await insertBan(db, { identity: `troll${i}`, room, reason: 'spam', expiresAt: i < 2 ? new Date(Date.now() + 3_600_000) : null, createdBy: moderators[3]!.email });
    if (i >= 2) await liftBanRow(db, ban.id, moderators[3]!.email);
  }
  // the event ends: the room opens again, which forgets its admissions
  await writeAccessRow(db, room, 'open', moderators[0]!.email);
  await clearAdmissions(db, room);
}

async function ageOneDay(db: Database) {
  for (const [table, columns] of Object.entries(TIME_COLUMNS)) {
    const set = columns.map((column) => `"${column}" = "${column}" - interval '1 day'`).join(', ');
    await db.execute(sql.raw(`update "${table}" set ${set}`));
  }
}

async function sizes(db: Database): Promise<Record<string, { rows: number; bytes: number }>> {
  const result: Record<string, { rows: number; bytes: number }> = {};
  for (const table of TABLES) {
    const answer = (await db.execute(sql.raw(`select count(*)::int as rows, coalesce(sum(pg_column_size(t.*)), 0)::bigint as bytes from "${table}" t`))) as unknown as {
      rows: { rows: number; bytes: string | number }[];
    };
    const [row] = answer.rows;
    result[table] = { rows: Number(row!.rows), bytes: Number(row!.bytes) };
  }
  return result;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const total = (all: Record<string, { rows: number; bytes: number }>) =>
  Object.values(all).reduce((sum, { rows, bytes }) => ({ rows: sum.rows + rows, bytes: sum.bytes + bytes }), { rows: 0, bytes: 0 });

try {
  const db = await database();
  console.log(`retention bench: ${days} daily events of ${PARTICIPANTS} participants and ${MODERATORS} moderators, event retention ${retentionDays} days (PGlite)`);
  const series: { day: number; rows: number; bytes: number; pruned: number }[] = [];
  for (let day = 1; day <= days; day += 1) {
    await oneEvent(db, day);
    if (day === 1) {
      console.log('\nWhat one event leaves behind (before any prune):');
      console.table(Object.fromEntries(Object.entries(await sizes(db)).map(([table, { rows, bytes }]) => [table, { rows, bytes: kib(bytes) }])));
    }
    await ageOneDay(db);
    const pruned = Object.values((await pruneRetention())!).reduce((sum, rows) => sum + rows, 0);
    series.push({ day, ...total(await sizes(db)), pruned });
  }
  console.log('\nAfter each day (the day\'s event written, every row a day older, then the prune):');
  console.table(series.map(({ day, rows, bytes, pruned }) => ({ day, 'rows kept': rows, 'bytes kept': kib(bytes), 'rows pruned': pruned })));
  const steady = series.slice(retentionDays);
  const flat = steady.every((point) => point.rows === steady[0]!.rows);
  console.log(`\nFrom day ${retentionDays + 1} on the tables ${flat ? 'stop growing' : 'STILL GROW'}: ${steady.map((point) => point.rows).join(', ')} rows.`);
  if (!flat) process.exitCode = 1;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
