import 'server-only';
import { database, type Database } from '@/lib/db';
import { databaseNow } from '@/lib/teamwork/claims-store';
import { handsWaiting, joinedBefore, joinSessionsWithin, lastJoinedAs, openAlerts, raiseAlert, recentBansCovering } from '@/lib/teamwork/alerts-store';
import { env } from '@/lib/env';
import { publishRoomSignal } from '@/lib/events/room-events-store';
import type { RoomAlerts } from '@/lib/teamwork/shared';

/** More new sessions than this within CHURN_WINDOW_MS flag the identity (a shared token, a takeover). */
export const CHURN_SESSIONS = 3;
export const CHURN_WINDOW_MS = 60_000;
/** A new identity joining this long after a ban, with the banned one's name or metadata, is a hint. */
export const BAN_EVASION_WINDOW_MS = 10 * 60_000;
/** Alerts stay on the list (unless dismissed) this long after they were last raised. */
export const ALERT_SHOWN_FOR_MS = 60 * 60_000;

export interface JoinSeen {
  room: string;
  identity: string;
  name: string;
  metadata: string;
}

/**
 * Called for every first delivery of a participant_joined webhook (it is stored in webhook_events
 * already): flags identity churn and ban-evasion hints, and tells the room pages. Never acts on the
 * participant. Returns the kinds it raised.
 */
export async function alertsOnJoin(join: JoinSeen, db?: Database): Promise<string[]> {
  const open = db ?? (await database());
  const raised: string[] = [];
  const sessions = await joinSessionsWithin(open, join.room, join.identity, CHURN_WINDOW_MS);
  if (sessions > CHURN_SESSIONS) {
    await raiseAlert(open, { room: join.room, identity: join.identity, kind: 'churn', detail: { sessions, windowMs: CHURN_WINDOW_MS } });
    raised.push('churn');
  }
  const evasion = await banEvasionHint(open, join);
  if (evasion) {
    await raiseAlert(open, { room: join.room, identity: join.identity, kind: 'ban_evasion', detail: evasion });
    raised.push('ban_evasion');
  }
  if (raised.length > 0) await publishRoomSignal('alerts_changed', join.room);
  return raised;
}

async function banEvasionHint(db: Database, join: JoinSeen): Promise<Record<string, unknown> | null> {
  if (!join.name && !join.metadata) return null;
  for (const ban of await recentBansCovering(db, join.room, join.identity, BAN_EVASION_WINDOW_MS)) {
    const banned = await lastJoinedAs(db, ban.identity);
    if (!banned) continue;
    const matched = [
      ...(join.name && join.name === banned.name ? ['name'] : []),
      ...(join.metadata && join.metadata === banned.metadata ? ['metadata'] : []),
    ];
    // someone who was in the room before the ban is not a new identity
    if (matched.length === 0 || (await joinedBefore(db, join.room, join.identity, ban.createdAt))) continue;
    return { bannedIdentity: ban.identity, banId: ban.id, matched, name: join.name };
  }
  return null;
}

/** Everything on the room's alerts list, computed here so every tab and replica shows the same. */
export async function roomAlerts(room: string, db?: Database): Promise<RoomAlerts> {
  const open = db ?? (await database());
  const { handWaitAlertMs } = env().teamwork;
  const [alerts, hands, serverNow] = await Promise.all([
    openAlerts(open, room, ALERT_SHOWN_FOR_MS),
    handsWaiting(open, room, handWaitAlertMs),
    databaseNow(open),
  ]);
  return { alerts, waitingHands: hands.waiting, handWaitMs: handWaitAlertMs, nextHandDueInMs: hands.nextDueInMs, serverNow };
}
