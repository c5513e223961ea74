'use server';

import { z } from 'zod';
import { database } from '@/lib/db';
import { claimTarget as storeClaim, releaseClaim as dropClaim, roomClaims } from '@/lib/teamwork/claims-store';
import { env } from '@/lib/env';
import { publishRoomSignal } from '@/lib/events/room-events-store';
import { CLAIM_KINDS, type ClaimsSnapshot, type ClaimView } from '@/lib/teamwork/shared';
import { ActionRefusal, defineAction } from '@/lib/actions/define-action';
import { identity, roomName } from '@/lib/actions/schemas';

const claimTargetInput = z.strictObject({ kind: z.enum(CLAIM_KINDS), room: roomName, identity });

/** "I'm handling this": refused with `conflict` while another moderator's claim lasts, unless taken over. */
export const claimTarget = defineAction({
  name: 'claims.claim',
  access: 'moderate',
  input: claimTargetInput.extend({ takeOver: z.boolean().optional() }),
  run: async ({ takeOver, ...target }, { actor }): Promise<ClaimView> => {
    const outcome = await storeClaim(await database(), target, { id: actor.id, name: actor.label || actor.email }, env().teamwork.claimTtlMs, takeOver);
    if (!outcome.ok) {
      const { claimedByName, claimedAt } = outcome.heldBy;
      throw new ActionRefusal({
        code: 'conflict',
        message: `${claimedByName} is already handling this (since ${new Date(claimedAt).toISOString()}); take it over to claim it`,
      });
    }
    await publishRoomSignal('claims_changed', target.room);
    return outcome.claim;
  },
});

export const releaseClaim = defineAction({
  name: 'claims.release',
  access: 'moderate',
  input: claimTargetInput,
  run: async (target, { actor }) => {
    const released = await dropClaim(await database(), target, actor.id);
    if (!released) throw new ActionRefusal({ code: 'not_found', message: 'You hold no claim on this any more (it expired, or someone took it over)' });
    await publishRoomSignal('claims_changed', target.room);
    return { released: true };
  },
});

export const listClaims = defineAction({
  name: 'claims.list',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: async ({ room }, { actor }): Promise<ClaimsSnapshot> => ({ ...(await roomClaims(await database(), room)), you: actor.id }),
});
