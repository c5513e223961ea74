import 'server-only';
import { and, eq, lt, sql } from 'drizzle-orm';
import type { LiveKitWebhookEvent } from '@/lib/livekit/webhooks';
import { webhookEvents, type Database } from '@/lib/db';

/**
 * Claims a delivery by its event id, leased until `now + leaseMs`: true when this delivery must act
 * (the first one, or a redelivery of an event whose earlier delivery died without finishing and
 * whose lease ran out); false for a retry or another replica's copy of an event that is done or
 * still being handled.
 */
export async function claimWebhookEvent(db: Database, event: LiveKitWebhookEvent, leaseMs: number, now = new Date()): Promise<boolean> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const claimed = await db
    .insert(webhookEvents)
    .values({
      id: event.id,
      event: event.event,
      room: event.room ?? null,
      identity: event.identity ?? null,
      participantSid: event.participantSid ?? null,
      createdAt: Number.isFinite(event.createdAt) && event.createdAt > 0 ? new Date(event.createdAt) : null,
      receivedAt: now,
      sender: event.sender ?? null,
      payload: event.payload ?? null,
      status: 'claimed',
      leaseUntil,
    })
    .onConflictDoUpdate({
      target: webhookEvents.id,
      set: { leaseUntil },
      setWhere: and(eq(webhookEvents.status, 'claimed'), lt(webhookEvents.leaseUntil, now)),
    })
    .returning({ id: webhookEvents.id });
  return claimed.length > 0;
}

/** The event's effects are recorded: later deliveries of it are duplicates. */
export async function completeWebhookEvent(db: Database, id: string): Promise<void> {
  await db.update(webhookEvents).set({ status: 'done', leaseUntil: null }).where(eq(webhookEvents.id, id));
}

/** Gives up a claim that could not be handled, so its next delivery acts at once (not only after the lease). */
export async function releaseWebhookEvent(db: Database, id: string): Promise<void> {
  await db.update(webhookEvents).set({ leaseUntil: sql`'-infinity'::timestamptz` }).where(and(eq(webhookEvents.id, id), eq(webhookEvents.status, 'claimed')));
}
