import 'server-only';
import { and, eq, gte, inArray, max } from 'drizzle-orm';
import type { LiveKitWebhookEvent } from '@/lib/livekit/webhooks';
import { OBSERVER_IDENTITY_PREFIX } from '@/lib/live/observer-identity';
import { attendanceEvents, type Database } from '@/lib/db';

const ATTENDANCE_WEBHOOKS: Record<string, 'joined' | 'left'> = { participant_joined: 'joined', participant_left: 'left' };

/**
 * Keeps a join or leave LiveKit told of, for the participant's history. A join is dated by LiveKit's
 * own join time (milliseconds), a leave by its arrival: the leave happened no later than that, and
 * no moderation of that session can come after it. Dashboard observers are left out.
 * A redelivered event (same webhook id) is kept once. Answers whether the event was one of these.
 */
export async function recordAttendance(db: Database, event: LiveKitWebhookEvent): Promise<boolean> {
  const kind = ATTENDANCE_WEBHOOKS[event.event];
  if (!kind || !event.room || !event.identity || event.identity.startsWith(OBSERVER_IDENTITY_PREFIX)) return false;
  const joinedAt = event.participant?.joinedAt;
  const at = kind === 'joined' && joinedAt && joinedAt > 0 ? new Date(joinedAt) : new Date();
  await db
    .insert(attendanceEvents)
    .values({
      room: event.room,
      identity: event.identity,
      event: kind,
      participantSid: event.participantSid ?? null,
      name: event.participant?.name || null,
      at,
      webhookId: event.id,
    })
    .onConflictDoNothing({ target: attendanceEvents.webhookId });
  return true;
}

/** Per room among `rooms`, its latest join at or after `since` (rooms without one are absent). */
export async function latestJoins(db: Database, rooms: readonly string[], since: Date): Promise<Map<string, Date>> {
  if (rooms.length === 0) return new Map();
  const rows = await db
    .select({ room: attendanceEvents.room, at: max(attendanceEvents.at) })
    .from(attendanceEvents)
    .where(and(inArray(attendanceEvents.room, [...rooms]), eq(attendanceEvents.event, 'joined'), gte(attendanceEvents.at, since)))
    .groupBy(attendanceEvents.room);
  return new Map(rows.flatMap(({ room, at }) => (at ? [[room, at] as const] : [])));
}
