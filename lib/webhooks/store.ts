import 'server-only';
import { eq } from 'drizzle-orm';
import type { LiveKitWebhookEvent } from '@/lib/livekit/webhooks';
import { webhookEvents, type Database } from '@/lib/db';

/**
 * Records a delivery by its event id; true for the first delivery of that event, false for a
 * retry or the same event delivered to another replica, which must not act again.
 */
export async function claimWebhookEvent(db: Database, event: LiveKitWebhookEvent): Promise<boolean> {
  const inserted = await db
    .insert(webhookEvents)
    .values({
      id: event.id,
      event: event.event,
      room: event.room ?? null,
      identity: event.identity ?? null,
      participantSid: event.participantSid ?? null,
      createdAt: Number.isFinite(event.createdAt) && event.createdAt > 0 ? new Date(event.createdAt) : null,
      payload: event.payload ?? null,
    })
    .onConflictDoNothing({ target: webhookEvents.id })
    .returning({ id: webhookEvents.id });
  return inserted.length > 0;
}

/** Forgets a claimed event that could not be handled, so its next delivery acts. */
export async function releaseWebhookEvent(db: Database, id: string): Promise<void> {
  await db.delete(webhookEvents).where(eq(webhookEvents.id, id));
}
