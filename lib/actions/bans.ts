'use server';

import { z } from 'zod';
import { database } from '@/lib/db';
import { activeBans, describeBan, insertBan, liftBanRow } from '@/lib/db/bans';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { defineAction } from './define-action';
import { identity, roomName } from './schemas';

export interface BanView {
  id: number;
  identity: string;
  room: string | null;
  reason: string;
  createdAt: string;
  createdBy: string | null;
  expiresAt: string | null;
  description: string;
}

function toBanView(row: Awaited<ReturnType<typeof insertBan>>): BanView {
  return {
    id: row.id,
    identity: row.identity,
    room: row.room,
    reason: row.reason,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    description: describeBan(row),
  };
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
  }),
  run: async ({ room, identity, scope, reason, expiresInMinutes }, { actor }) => {
    const ban = await insertBan(await database(), {
      identity,
      room: scope === 'room' ? room : null,
      reason,
      expiresAt: expiresInMinutes ? new Date(Date.now() + expiresInMinutes * 60_000) : null,
      createdBy: actor.email,
    });
    let removed = true;
    try {
      await livekit.removeParticipant(room, identity, { revokeTokens: true });
    } catch (error) {
      // a ban of someone who already left still stands
      if (!(error instanceof LiveKitError && error.code === 'not_found')) throw error;
      removed = false;
    }
    return { ban: toBanView(ban), removed };
  },
});

export const liftBan = defineAction({
  name: 'bans.lift',
  access: 'moderate',
  input: z.strictObject({ id: z.number().int().positive() }),
  run: async ({ id }, { actor }) => {
    const lifted = await liftBanRow(await database(), id, actor.email);
    if (!lifted) throw new LiveKitError('not_found', `There is no active ban #${id}`);
    return toBanView(lifted);
  },
});

export const listBans = defineAction({
  name: 'bans.list',
  access: 'read',
  input: z.strictObject({}).optional(),
  run: async () => (await activeBans(await database())).map(toBanView),
});
