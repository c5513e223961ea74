import fc from 'fast-check';
import { count } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createAccount, setAccountRole } from '@/lib/accounts/actions';
import {
  demoteToAudience,
  getParticipant,
  muteTrack,
  promoteToSpeaker,
  removeParticipant,
  setPermissions,
  unmuteTrack,
  updateAttributes,
  updateMetadata,
  updateName,
} from '@/lib/participants/actions';
import { createRoom, deleteRoom } from '@/lib/rooms/admin-actions';
import { getRoom } from '@/lib/rooms/actions';
import { mintObserverToken } from '@/lib/participants/observer-actions';
import { ACCOUNT_REFUSAL_LIMIT, unwrittenRefusals } from '@/lib/actions/refusal-store';
import { auditEntries, database } from '@/lib/db';
import { actAs, actorWith } from '../helpers/actors';

/** One family per schema shape; every action takes an object whose fields are all checked. */
const actions = {
  getParticipant,
  promoteToSpeaker,
  demoteToAudience,
  setPermissions,
  updateMetadata,
  updateAttributes,
  updateName,
  removeParticipant,
  muteTrack,
  unmuteTrack,
  getRoom,
  createRoom,
  deleteRoom,
  mintObserverToken,
  createAccount,
  setAccountRole,
} as Record<string, (input: unknown) => Promise<{ ok: boolean; error?: { code: string; fieldErrors?: object } }>>;

const KNOWN_KEYS = new Set(['room', 'identity', 'trackSid', 'permission', 'metadata', 'set', 'remove', 'name', 'names', 'emptyTimeout', 'maxParticipants', 'email', 'role', 'password', 'id']);

const badName = fc.oneof(
  fc.constant(''),
  fc.string({ minLength: 257, maxLength: 400 }),
  fc.string({ minLength: 1 }).map((text) => ` ${text}`),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);

/** Inputs no schema accepts, built so that each is malformed by construction. */
const malformed = fc.oneof(
  fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt(), fc.date(), fc.array(fc.anything(), { maxLength: 5 })),
  fc.record({ room: badName, identity: fc.string(), trackSid: fc.string(), id: fc.string(), email: fc.string() }, { requiredKeys: ['room'] }),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !KNOWN_KEYS.has(key) && key !== '__proto__'), fc.anything())
    .map(([key, value]) => ({ room: 'stage', identity: 'someone', [key]: value })),
  fc.dictionary(fc.string({ maxLength: 10 }), fc.anything({ maxDepth: 2 }), { maxKeys: 4 }).filter((input) => !('room' in input) && !('email' in input) && !('id' in input)),
);

describe('malformed input, generated', () => {
  it('1,200 malformed inputs across the action families: each a typed validation error, each audited or (past the account\'s limit) counted', async () => {
    actAs(actorWith('admin'));
    const db = await database();
    const auditCount = async () => (await db.select({ value: count() }).from(auditEntries))[0]!.value;
    const before = await auditCount();
    let calls = 0;

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(actions)), malformed, async (name, input) => {
        calls += 1;
        const result = await actions[name]!(input);
        expect(result.ok).toBe(false);
        expect(result.error?.code).toBe('validation');
        expect(result.error?.fieldErrors).toBeTypeOf('object');
      }),
      { numRuns: 1_200 },
    );

    expect(calls).toBeGreaterThanOrEqual(1_200);
    // one account's refusals past its hourly limit are counted, not written (lib/actions/refusal-store.ts)
    const written = (await auditCount()) - before;
    expect(written).toBe(ACCOUNT_REFUSAL_LIMIT.perHour);
    expect(written + (await unwrittenRefusals(db, actorWith('admin').id))).toBe(calls);
  }, 180_000);
});
