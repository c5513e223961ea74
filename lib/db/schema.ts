import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex('accounts_email_unique').on(table.email),
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
    outcome: text('outcome', { enum: ['ok', 'error'] }).notNull(),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    durationMs: integer('duration_ms').notNull(),
  },
  (table) => [
    index('audit_entries_at').on(table.at),
    index('audit_entries_room').on(table.room),
    index('audit_entries_actor_email').on(table.actorEmail),
    index('audit_entries_action').on(table.action),
    index('audit_entries_target_identity').on(table.targetIdentity),
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
