'use server';

import { z } from 'zod';
import { ejectNewBan } from '@/lib/bans/service';
import { database, type BanRow, type Database } from '@/lib/db';
import { auditEntryById } from '@/lib/undo/store';
import {
  activeBanFor,
  activeBans,
  allPendingEjections,
  describeBan,
  dropEjectionsOfBan,
  insertBan,
  liftBanRow,
  type PendingEjectionRow,
} from '@/lib/bans/store';
import { LiveKitError } from '@/lib/livekit/errors';
import type { BanView } from '@/lib/bans/shared';
import { defineAction } from '@/lib/actions/define-action';
import { identity, roomName } from '@/lib/actions/schemas';

function toBanView(row: BanRow, pending: PendingEjectionRow[] = []): BanView {
  return {
    id: row.id,
    identity: row.identity,
    room: row.room,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    description: describeBan(row),
    pendingEjections: pending
      .filter((ejection) => ejection.banId === row.id)
      .map(({ room, attempts, lastError, nextAttemptAt }) => ({ room, attempts, lastError, nextAttemptAt: nextAttemptAt.toISOString() })),
  };
}

/** A ban goes with a kick only if that entry is a completed kick of this participant in this room. */
async function checkKickEntry(db: Database, id: number, room: string, identity: string): Promise<void> {
  const entry = await auditEntryById(db, id);
  if (entry?.action !== 'participants.remove' || entry.outcome !== 'ok' || entry.room !== room || entry.targetIdentity !== identity) {
    throw new LiveKitError('failed_precondition', `Entry #${id} is not a kick of ${identity} in ${room}; the ban was not made`);
  }
}

export const banParticipant = defineAction({
  name: 'bans.create',
  access: 'moderate',
  input: z.strictObject({
    room: roomName,
    identity,
    scope: z.enum(['room', 'everywhere']).default('room'),
    reason: z.string().trim().max(500, 'a reason is at most 500 characters').default(''),
    /** minutes until the ban ends by itself; no expiry when omitted */
    expiresInMinutes: z.number().int().min(1).max(366 * 24 * 60).optional(),
    /** the audit entry of the kick (participants.remove) this ban goes with: undoing that kick lifts this ban */
    kickEntryId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  }),
  // before: the ban that kept them out already, if any; after: the new ban, which undo lifts
  snapshot: async ({ room, identity }) => {
    const ban = await activeBanFor(await database(), identity, room);
    return { ban: ban ? toBanView(ban) : null };
  },
  resultIsAfter: true,
  undoable: true,
  run: async ({ room, identity, scope, reason, expiresInMinutes, kickEntryId }, { actor }) => {
    const db = await database();
    if (kickEntryId !== undefined) await checkKickEntry(db, kickEntryId, room, identity);
    const ban = await insertBan(db, {
      identity,
      room: scope === 'room' ? room : null,
      reason,
      expiresAt: expiresInMinutes ? new Date(Date.now() + expiresInMinutes * 60_000) : null,
      createdBy: actor.email,
      kickAuditId: kickEntryId ?? null,
    });
    // a ban of someone who already left still stands; a failed eject is retried until it succeeds
    const { ejectedFrom, pendingIn } = await ejectNewBan(ban, actor, room);
    return { ban: toBanView(ban), removed: ejectedFrom.includes(room), ejectedFrom, pendingIn };
  },
});

export const liftBan = defineAction({
  name: 'bans.lift',
  access: 'moderate',
  input: z.strictObject({ id: z.number().int().positive() }),
  run: async ({ id }, { actor }) => {
    const db = await database();
    const lifted = await liftBanRow(db, id, actor.email);
    if (!lifted) throw new LiveKitError('not_found', `There is no active ban #${id}`);
    await dropEjectionsOfBan(db, id);
    return toBanView(lifted);
  },
});

export const listBans = defineAction({
  name: 'bans.list',
  access: 'read',
  input: z.strictObject({}).optional(),
  run: async () => {
    const db = await database();
    const [bans, pending] = await Promise.all([activeBans(db), allPendingEjections(db)]);
    return bans.map((ban) => toBanView(ban, pending));
  },
});
