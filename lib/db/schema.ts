import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

import { ROLES } from '@/lib/auth/roles';

export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    role: text('role', { enum: ROLES }).notNull().default('viewer'),
    /** bcrypt hash; null for accounts that sign in only through GitHub or OIDC */
    passwordHash: text('password_hash'),
    /** set by an admin: the account cannot sign in and its sessions stop at their next request */
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** bumped when the password changes or an admin resets it: older sessions stop working */
    sessionVersion: integer('session_version').notNull().default(0),
    /** the single sign-on identity bound on the first SSO sign-in; later SSO sign-ins must match it */
    ssoProvider: text('sso_provider'),
    ssoSubject: text('sso_subject'),
    /** an account with a password is reachable by SSO only when an admin allowed it */
    ssoAllowed: boolean('sso_allowed').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('accounts_email_unique').on(table.email),
    uniqueIndex('accounts_sso_identity_unique').on(table.ssoProvider, table.ssoSubject),
    check('accounts_role_known', sql`${table.role} in ('viewer', 'moderator', 'admin')`),
  ],
);

export const auditEntries = pgTable(
  'audit_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    actorEmail: text('actor_email'),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    access: text('access').notNull(),
    room: text('room'),
    targetIdentity: text('target_identity'),
    targetTrack: text('target_track'),
    input: jsonb('input'),
    before: jsonb('before'),
    after: jsonb('after'),
    /** pending: written before the change reached LiveKit; interrupted: a pending row a later start found */
    outcome: text('outcome', { enum: ['ok', 'error', 'pending', 'interrupted'] }).notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    durationMs: integer('duration_ms').notNull(),
    /** the caller's address, for refusals of anonymous calls */
    clientAddress: text('client_address'),
    // undo: a bulk request's entry for each of its items; an undo's entry for the entry it undoes; the undo that claimed this one
    parentId: bigint('parent_id', { mode: 'number' }),
    undoesId: bigint('undoes_id', { mode: 'number' }),
    undoneById: bigint('undone_by_id', { mode: 'number' }),
    /** a pending entry's last sign of life from the process running its call (lib/actions/heartbeat-store) */
    heartbeatAt: timestamp('heartbeat_at', { withTimezone: true }),
  },
  (table) => [
    index('audit_entries_at').on(table.at),
    index('audit_entries_room').on(table.room),
    index('audit_entries_actor_email').on(table.actorEmail),
    index('audit_entries_actor_id_at').on(table.actorId, table.at),
    index('audit_entries_action').on(table.action),
    index('audit_entries_target_identity').on(table.targetIdentity),
    index('audit_entries_outcome').on(table.outcome),
    index('audit_entries_parent_id').on(table.parentId),
    index('audit_entries_undoes_id').on(table.undoesId),
  ],
);

export type AccountRow = typeof accounts.$inferSelect;
export type AuditRow = typeof auditEntries.$inferSelect;

/**
 * LiveKit's RemoveParticipant leaves the participant's token valid, so bans are enforced here: the
 * token endpoint refuses banned identities and the webhook ejects them when they rejoin.
 */
export const bans = pgTable(
  'bans',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    identity: text('identity').notNull(),
    /** null: banned from every room */
    room: text('room'),
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: text('created_by'),
    /** null: until lifted */
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    liftedBy: text('lifted_by'),
    /** the audit entry of the kick this ban was made with: the kick's undo lifts this ban, and no other */
    kickAuditId: bigint('kick_audit_id', { mode: 'number' }),
  },
  (table) => [index('bans_identity').on(table.identity), index('bans_kick_audit_id').on(table.kickAuditId)],
);

export type BanRow = typeof bans.$inferSelect;

/** Admins' edits of the stage presets; a preset with no row uses its default from lib/actions/presets. */
export const stagePresets = pgTable('stage_presets', {
  name: text('name').primaryKey(),
  permission: jsonb('permission').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/** Wrong passwords, per account and per address, for the sign-in throttle shared by every replica. */
export const signInFailures = pgTable(
  'sign_in_failures',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** `email:<address>` or `ip:<address>` */
    key: text('key').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('sign_in_failures_key_at').on(table.key, table.at)],
);

/**
 * Refused calls of signed-in accounts past ACCOUNT_REFUSAL_LIMIT (lib/actions/refusal-store.ts), per
 * hour: counted here instead of written to audit_entries. Pruned with the audit log's reads.
 */
export const refusalCounts = pgTable(
  'refusal_counts',
  {
    actorId: text('actor_id').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    refusals: integer('refusals').notNull(),
  },
  (table) => [primaryKey({ columns: [table.actorId, table.windowStart] }), index('refusal_counts_window_start').on(table.windowStart)],
);

/** LiveKit webhook deliveries by event id: a retried or twice-delivered event is handled once, and a delivery that died mid-way is taken over. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    event: text('event').notNull(),
    room: text('room'),
    identity: text('identity'),
    participantSid: text('participant_sid'),
    /** the event's own time (createdAt, seconds) as LiveKit sent it */
    createdAt: timestamp('created_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    /** the address that delivered it (the LiveKit node that hosts the room), as the first hop of X-Forwarded-For */
    sender: text('sender'),
    payload: jsonb('payload'),
    /** claimed: a delivery is acting on it until `leaseUntil`; done: its effects are recorded */
    status: text('status', { enum: ['claimed', 'done'] }).notNull().default('done'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
  },
  (table) => [
    index('webhook_events_room_identity').on(table.room, table.identity),
    index('webhook_events_received_at').on(table.receivedAt),
    index('webhook_events_identity_received_at').on(table.identity, table.receivedAt),
    check('webhook_events_status_known', sql`${table.status} in ('claimed', 'done')`),
  ],
);

/** Ejections of banned identities that failed and are retried with backoff until they succeed. */
export const pendingEjections = pgTable(
  'pending_ejections',
  {
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    banId: bigint('ban_id', { mode: 'number' }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.room, table.identity] })],
);

/** When the dashboard first saw a participant's hand go up: the queue's order, whatever time the participant wrote. */
export const handsSeen = pgTable(
  'hands_seen',
  {
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    /** the attribute's value when it was first seen; a new value is a new raise */
    raisedValue: text('raised_value').notNull(),
    firstSeenAt: timestamp('first_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.room, table.identity] })],
);

// lobby
/** Who may come in: open (anyone the token endpoint serves), knock (a lobby moderators admit from), locked (no one new). */
export const roomAccess = pgTable(
  'room_access',
  {
    room: text('room').primaryKey(),
    mode: text('mode', { enum: ['open', 'knock', 'locked'] }).notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull().defaultNow(),
    changedBy: text('changed_by'),
  },
  (table) => [check('room_access_mode_known', sql`${table.mode} in ('open', 'knock', 'locked')`)],
);

/**
 * Identities that pass a knocking or locked room: admitted from the lobby, or present when the room
 * stopped being open. Cleared when the room opens again.
 */
export const roomAdmissions = pgTable(
  'room_admissions',
  {
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    /** present: in the room when it stopped being open; lobby: admitted by a moderator */
    source: text('source', { enum: ['present', 'lobby'] }).notNull(),
    admittedAt: timestamp('admitted_at', { withTimezone: true }).notNull().defaultNow(),
    admittedBy: text('admitted_by'),
  },
  (table) => [primaryKey({ columns: [table.room, table.identity] })],
);

/** A knock: the event's app waits on the ticket until a moderator admits or denies it, or it expires. */
export const lobbyTickets = pgTable(
  'lobby_tickets',
  {
    id: text('id').primaryKey(),
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    name: text('name').notNull().default(''),
    metadata: text('metadata'),
    preset: text('preset', { enum: ['audience', 'speaker'] }).notNull(),
    status: text('status', { enum: ['waiting', 'admitted', 'denied', 'locked', 'expired'] }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** the app's last request about it: a waiting ticket nobody asks about expires */
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: text('decided_by'),
  },
  (table) => [
    uniqueIndex('lobby_tickets_one_waiting').on(table.room, table.identity).where(sql`${table.status} = 'waiting'`),
    index('lobby_tickets_room_status').on(table.room, table.status),
    check('lobby_tickets_status_known', sql`${table.status} in ('waiting', 'admitted', 'denied', 'locked', 'expired')`),
  ],
);

export type LobbyTicketRow = typeof lobbyTickets.$inferSelect;
// incident
/**
 * One incident (lib/actions/incident.ts): what each participant had before it, what it left them,
 * and the room's access before the lock, so Undo restores exactly that and refuses what changed since.
 */
export const incidents = pgTable(
  'incidents',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    room: text('room').notNull(),
    /** the `incident.start` audit row; its parts' rows carry `partOf` = this id in their input */
    auditId: bigint('audit_id', { mode: 'number' }),
    startedBy: text('started_by'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    /** open, knock or locked before the incident locked the room; null when the lock failed */
    accessBefore: text('access_before'),
    /** IncidentParticipantRecord[] */
    participants: jsonb('participants').notNull().default([]),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: text('undone_by'),
    undoAuditId: bigint('undo_audit_id', { mode: 'number' }),
  },
  (table) => [index('incidents_room_started_at').on(table.room, table.startedAt)],
);

export type IncidentRow = typeof incidents.$inferSelect;

// history-charts
/** Joins and leaves from LiveKit's webhooks, for a participant's history; one row per delivered event. */
export const attendanceEvents = pgTable(
  'attendance_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    event: text('event', { enum: ['joined', 'left'] }).notNull(),
    participantSid: text('participant_sid'),
    name: text('name'),
    /** a join: when LiveKit says the participant joined; a leave: when the dashboard was told */
    at: timestamp('at', { withTimezone: true }).notNull(),
    webhookId: text('webhook_id').notNull(),
  },
  (table) => [
    uniqueIndex('attendance_events_webhook_id').on(table.webhookId),
    index('attendance_events_room_identity_at').on(table.room, table.identity, table.at),
    check('attendance_events_event_known', sql`${table.event} in ('joined', 'left')`),
  ],
);

export type AttendanceEventRow = typeof attendanceEvents.$inferSelect;

/** A room's participants, speakers and raised hands over time, for the room page's chart; kept about an hour. */
export const activitySamples = pgTable(
  'activity_samples',
  {
    room: text('room').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    participants: integer('participants').notNull(),
    speakers: integer('speakers').notNull(),
    hands: integer('hands').notNull(),
  },
  (table) => [primaryKey({ columns: [table.room, table.at] }), index('activity_samples_at').on(table.at)],
);

// timebox
/**
 * Speaker time-boxes: a slot on stage for one participant session, kept here so that a closed tab or
 * a restarted dashboard does not lose it; one replica at a time acts on those due (lib/timebox-clock).
 * At most one runs per room and identity (the partial unique index `timeboxes_running`).
 */
export const timeboxes = pgTable(
  'timeboxes',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    /** the session the slot was given to: a rejoin is a new session, which the slot never touches */
    participantSid: text('participant_sid').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    setById: text('set_by_id'),
    setByEmail: text('set_by_email'),
    /** when the speaker was told the end is near; cleared by an extension */
    warnedAt: timestamp('warned_at', { withTimezone: true }),
    /** failed tries to return the speaker to the audience (LiveKit unreachable), retried with backoff */
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** null while running */
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason', { enum: ['expired', 'ended_early', 'demoted', 'replaced', 'left', 'not_on_stage', 'rejoined'] }),
    endedBy: text('ended_by'),
    endNote: text('end_note'),
  },
  (table) => [
    uniqueIndex('timeboxes_running').on(table.room, table.identity).where(sql`${table.endedAt} is null`),
    index('timeboxes_due').on(table.endsAt).where(sql`${table.endedAt} is null`),
    index('timeboxes_room_ended').on(table.room, table.endedAt),
  ],
);

export type TimeboxRow = typeof timeboxes.$inferSelect;

// claims-alerts

/** "I'm handling this": one moderator's claim on a raised hand, a lobby request or a participant, until it expires. */
export const claims = pgTable(
  'claims',
  {
    room: text('room').notNull(),
    kind: text('kind', { enum: ['hand', 'lobby', 'participant'] }).notNull(),
    /** the participant's identity, or the lobby request's */
    identity: text('identity').notNull(),
    /** the account id */
    claimedBy: text('claimed_by').notNull(),
    claimedByName: text('claimed_by_name').notNull(),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (table) => [
    primaryKey({ columns: [table.room, table.kind, table.identity] }),
    index('claims_room_identity').on(table.room, table.identity),
    check('claims_kind_known', sql`${table.kind} in ('hand', 'lobby', 'participant')`),
  ],
);

/**
 * Which signed-in people have a room page open: one row per tab while its event stream is open
 * (`stream` names that stream, so a stream that ends cannot delete the row of the one that replaced it).
 */
export const moderatorPresence = pgTable(
  'moderator_presence',
  {
    room: text('room').notNull(),
    tab: text('tab').notNull(),
    accountId: text('account_id').notNull(),
    name: text('name').notNull(),
    stream: text('stream').notNull().default(''),
    lastSeen: timestamp('last_seen', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.room, table.tab] })],
);

/** Alerts computed from LiveKit's webhooks (identity churn, ban-evasion hints), until a moderator dismisses them. */
export const roomAlerts = pgTable(
  'room_alerts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    kind: text('kind', { enum: ['churn', 'ban_evasion'] }).notNull(),
    detail: jsonb('detail').notNull(),
    firstAt: timestamp('first_at', { withTimezone: true }).notNull().defaultNow(),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
    dismissedAt: timestamp('dismissed_at', { withTimezone: true }),
    dismissedBy: text('dismissed_by'),
  },
  (table) => [
    uniqueIndex('room_alerts_open').on(table.room, table.identity, table.kind).where(sql`${table.dismissedAt} is null`),
    check('room_alerts_kind_known', sql`${table.kind} in ('churn', 'ban_evasion')`),
  ],
);

// ask-unmute
/** Moderators' requests that a participant unmute a track, and how each ended; every replica reads the same state. */
export const unmuteRequests = pgTable(
  'unmute_requests',
  {
    id: text('id').primaryKey(),
    room: text('room').notNull(),
    identity: text('identity').notNull(),
    trackSid: text('track_sid').notNull(),
    trackSource: text('track_source').notNull(),
    /** the moderator's name as the participant's prompt shows it */
    askedBy: text('asked_by').notNull(),
    askedByEmail: text('asked_by_email'),
    askedAt: timestamp('asked_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    state: text('state', { enum: ['asked', 'accepted', 'declined', 'expired'] }).notNull().default('asked'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (table) => [
    index('unmute_requests_room_asked_at').on(table.room, table.askedAt),
    index('unmute_requests_state').on(table.state),
    check('unmute_requests_state_known', sql`${table.state} in ('asked', 'accepted', 'declined', 'expired')`),
  ],
);

export type UnmuteRequestRow = typeof unmuteRequests.$inferSelect;

/** The cluster's LiveKit calls per minute (lib/livekit/budget.ts); minutes older than an hour are pruned. */
export const livekitCallBudget = pgTable('livekit_call_budget', {
  windowStart: timestamp('window_start', { withTimezone: true }).primaryKey(),
  reserved: integer('reserved').notNull(),
});
/** Webhook deliveries refused (bad signature, wrong key), counted per hour and reason: a day of rows at most (lib/diagnostics). */
export const webhookRefusals = pgTable(
  'webhook_refusals',
  {
    hour: timestamp('hour', { withTimezone: true }).notNull(),
    reason: text('reason').notNull(),
    count: integer('count').notNull().default(0),
    lastAt: timestamp('last_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.hour, table.reason] })],
);

/** Each replica's latest heartbeat: its version, and its own clock beside the database's; rows unseen for a day are dropped. */
export const replicaHeartbeats = pgTable(
  'replica_heartbeats',
  {
    replicaId: text('replica_id').primaryKey(),
    version: text('version').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    localAt: timestamp('local_at', { withTimezone: true }).notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('replica_heartbeats_seen_at').on(table.seenAt)],
);

/**
 * When a periodic sweep (`job`: bans:sweep, access:locked-sweep) last listed a room, on any replica,
 * and the latest join or ban that listing covered (lib/room-checks). A sweep deletes the rows of rooms
 * no longer live; the prune, rows untouched for an hour.
 */
export const roomChecks = pgTable(
  'room_checks',
  {
    job: text('job').notNull(),
    room: text('room').notNull(),
    listedAt: timestamp('listed_at', { withTimezone: true }).notNull(),
    covered: timestamp('covered', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.job, table.room] })],
);
