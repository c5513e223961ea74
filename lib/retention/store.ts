import 'server-only';
import { and, eq, isNotNull, isNull, lt, ne, notExists, or, sql } from 'drizzle-orm';
import {
  bans,
  claims,
  handsSeen,
  incidents,
  lobbyTickets,
  moderatorPresence,
  attendanceEvents,
  roomAccess,
  roomAdmissions,
  roomAlerts,
  roomChecks,
  timeboxes,
  unmuteRequests,
  webhookEvents,
  type Database,
} from '@/lib/db';

/** Claims, tabs' presence rows and sweeps' listings are worth nothing once expired or silent; kept this long for a late reader. */
export const EXPIRED_LIVE_STATE_KEPT_MS = 60 * 60_000;

export interface RetentionCutoffs {
  /** event data older than this goes: webhook payloads, joins and leaves, alerts, finished slots, … */
  eventsBefore: Date;
  now: Date;
}

export type PrunedRows = Record<string, number>;

/**
 * Deletes what every table keeps past its retention, never what a live feature still needs: an active
 * ban, a knocking or locked room's mode and admissions, a running slot, an unmute request still asked,
 * a webhook event a delivery still holds. Answers the rows deleted per table.
 */
export async function pruneExpiredRows(db: Database, { eventsBefore, now }: RetentionCutoffs): Promise<PrunedRows> {
  const liveStateBefore = new Date(now.getTime() - EXPIRED_LIVE_STATE_KEPT_MS);
  const count = async (rows: Promise<unknown[]>) => (await rows).length;
  const leaseOver = or(eq(webhookEvents.status, 'done'), lt(webhookEvents.leaseUntil, now));
  const stillRestricted = db.select({ room: roomAccess.room }).from(roomAccess).where(and(eq(roomAccess.room, roomAdmissions.room), ne(roomAccess.mode, 'open')));
  return {
    webhook_events: await count(
      db.delete(webhookEvents).where(and(lt(webhookEvents.receivedAt, eventsBefore), leaseOver)).returning({ id: webhookEvents.id }),
    ),
    attendance_events: await count(db.delete(attendanceEvents).where(lt(attendanceEvents.at, eventsBefore)).returning({ id: attendanceEvents.id })),
    room_alerts: await count(db.delete(roomAlerts).where(lt(roomAlerts.lastAt, eventsBefore)).returning({ id: roomAlerts.id })),
    unmute_requests: await count(
      db
        .delete(unmuteRequests)
        .where(and(lt(unmuteRequests.askedAt, eventsBefore), or(ne(unmuteRequests.state, 'asked'), lt(unmuteRequests.expiresAt, now))))
        .returning({ id: unmuteRequests.id }),
    ),
    timeboxes: await count(
      db.delete(timeboxes).where(and(isNotNull(timeboxes.endedAt), lt(timeboxes.endedAt, eventsBefore))).returning({ id: timeboxes.id }),
    ),
    incidents: await count(db.delete(incidents).where(lt(incidents.startedAt, eventsBefore)).returning({ id: incidents.id })),
    bans: await count(
      db
        .delete(bans)
        .where(or(and(isNotNull(bans.liftedAt), lt(bans.liftedAt, eventsBefore)), and(isNull(bans.liftedAt), lt(bans.expiresAt, eventsBefore))))
        .returning({ id: bans.id }),
    ),
    // an open room's row says what no row says; a knocking or locked room's is its current mode
    room_access: await count(
      db.delete(roomAccess).where(and(eq(roomAccess.mode, 'open'), lt(roomAccess.changedAt, eventsBefore))).returning({ room: roomAccess.room }),
    ),
    room_admissions: await count(
      db
        .delete(roomAdmissions)
        .where(and(lt(roomAdmissions.admittedAt, eventsBefore), notExists(stillRestricted)))
        .returning({ room: roomAdmissions.room }),
    ),
    lobby_tickets: await count(
      db
        .delete(lobbyTickets)
        .where(lt(sql`coalesce(${lobbyTickets.decidedAt}, ${lobbyTickets.lastSeenAt})`, eventsBefore))
        .returning({ id: lobbyTickets.id }),
    ),
    hands_seen: await count(db.delete(handsSeen).where(lt(handsSeen.firstSeenAt, eventsBefore)).returning({ room: handsSeen.room })),
    claims: await count(db.delete(claims).where(lt(claims.expiresAt, liveStateBefore)).returning({ room: claims.room })),
    moderator_presence: await count(
      db.delete(moderatorPresence).where(lt(moderatorPresence.lastSeen, liveStateBefore)).returning({ room: moderatorPresence.room }),
    ),
    // a listing an hour old is past every safety net; a sweep that still runs drops its ended rooms itself
    room_checks: await count(db.delete(roomChecks).where(lt(roomChecks.listedAt, liveStateBefore)).returning({ room: roomChecks.room })),
  };
}
