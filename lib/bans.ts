import 'server-only';
import { database } from '@/lib/db';
import { insertAuditEntry } from '@/lib/db/audit';
import { activeBanFor, describeBan } from '@/lib/db/bans';
import * as livekit from '@/lib/livekit';

/** Why `identity` may not join `room` now, or null when nothing stands in the way. */
export async function banReason(room: string, identity: string): Promise<string | null> {
  const ban = await activeBanFor(await database(), identity, room);
  return ban ? describeBan(ban) : null;
}

/**
 * Called for every participant_joined webhook: a banned identity that rejoined with a token that is
 * still valid is removed at once, whether or not a dashboard is open. Audited as the system's act.
 */
export async function ejectIfBanned(room: string, identity: string): Promise<boolean> {
  const db = await database();
  const ban = await activeBanFor(db, identity, room);
  if (!ban) return false;
  const started = performance.now();
  let outcome: { ok: true } | { ok: false; error: { code: 'internal'; message: string } } = { ok: true };
  try {
    await livekit.removeParticipant(room, identity, { revokeTokens: true });
  } catch (error) {
    outcome = { ok: false, error: { code: 'internal', message: (error as Error).message } };
  }
  await insertAuditEntry(db, {
    at: new Date(),
    action: 'bans.autoEject',
    access: 'moderate',
    actor: null,
    target: { room, identity },
    input: { banId: ban.id, reason: describeBan(ban) },
    outcome,
    durationMs: Math.round(performance.now() - started),
  });
  return outcome.ok;
}
