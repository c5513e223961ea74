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
  },
  (table) => [
    index('audit_entries_at').on(table.at),
    index('audit_entries_room').on(table.room),
    index('audit_entries_actor_email').on(table.actorEmail),
    index('audit_entries_action').on(table.action),
    index('audit_entries_target_identity').on(table.targetIdentity),
    index('audit_entries_outcome').on(table.outcome),
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
  },
  (table) => [index('bans_identity').on(table.identity)],
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

/** LiveKit webhook deliveries by event id: a retried or twice-delivered event is handled once. */
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
    payload: jsonb('payload'),
  },
  (table) => [index('webhook_events_room_identity').on(table.room, table.identity), index('webhook_events_received_at').on(table.receivedAt)],
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
