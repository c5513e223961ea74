import 'server-only';
import { alertsOnJoin } from '@/lib/teamwork/alerts-service';
import { ejectIfBanned } from '@/lib/bans/service';
import { database } from '@/lib/db';
import { publishRoomEvent } from '@/lib/events/room-events-store';
import { ejectIfLockedOut } from '@/lib/access/lock-eject-service';
import { claimWebhookEvent, completeWebhookEvent, releaseWebhookEvent } from '@/lib/webhooks/store';
import { recordAttendance } from '@/lib/history/attendance-store';
import { sampleRoomSoon } from '@/lib/activity/service';
import { forgetListing } from '@/lib/livekit';
import type { LiveKitWebhookEvent } from '@/lib/livekit/webhooks';
import { observeWebhook } from '@/lib/observability/observe';

/**
 * How long a delivery owns its event before a redelivery may take it over: longer than handling one
 * takes (a few database writes and one LiveKit call, bounded by its 2 s timeout), short enough that
 * LiveKit's next try of an event whose first delivery died (crash, database outage) still acts.
 */
export const WEBHOOK_LEASE_MS = 30_000;

export interface WebhookAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * claim → act → mark done. The event is done only once its effects are recorded (an eject ran, or
 * failed and waits as a pending ejection); a delivery that fails releases its claim, and one that
 * cannot even do that (or dies) leaves a claim whose lease runs out, so a redelivery acts.
 */
export async function handleWebhook(event: LiveKitWebhookEvent): Promise<WebhookAnswer> {
  let first: boolean;
  try {
    first = await claimWebhookEvent(await database(), event, WEBHOOK_LEASE_MS);
  } catch (error) {
    console.error(`[webhook] could not record event ${event.id}; LiveKit will deliver it again`, error);
    observeWebhook(event, 'unavailable');
    return { status: 503, body: { error: 'unavailable' } };
  }
  observeWebhook(event, first ? 'accepted' : 'duplicate');
  if (!first) return { status: 200, body: { received: event.event, id: event.id, duplicate: true } };

  try {
    const ejected = await dispatch(event);
    await completeWebhookEvent(await database(), event.id);
    return { status: 200, body: { received: event.event, id: event.id, ...(ejected && { ejected: event.identity }) } };
  } catch (error) {
    console.error(`[webhook] could not handle ${event.event} ${event.id}`, error);
    await releaseWebhookEvent(await database(), event.id).catch((releaseError: unknown) =>
      console.error(`[webhook] could not release ${event.id}; a redelivery takes it over after ${WEBHOOK_LEASE_MS / 1000} s`, releaseError),
    );
    return { status: 500, body: { error: 'internal' } };
  }
}

const ACTIVITY_WEBHOOKS = new Set(['participant_joined', 'participant_left', 'track_published', 'track_unpublished']);

/** Acts on a claimed delivery; true when a banned participant, or a newcomer to a locked room, was ejected. */
async function dispatch(event: LiveKitWebhookEvent): Promise<boolean> {
  // this replica's shared listing of the room is from before the change
  if (event.room && (ACTIVITY_WEBHOOKS.has(event.event) || event.event === 'room_finished')) forgetListing(event.room);
  await publishRoomEvent(event);
  const ejected = await enforceAdmission(event);
  // the participant's history (joins and leaves) and the room chart; neither may hold up or stop an eject
  await recordAttendance(await database(), event).catch((error: unknown) => console.error('[webhook] could not record a join or leave', error));
  if (event.room && ACTIVITY_WEBHOOKS.has(event.event)) sampleRoomSoon(event.room);
  return ejected;
}

async function enforceAdmission(event: LiveKitWebhookEvent): Promise<boolean> {
  if (event.event !== 'participant_joined' || !event.room || !event.identity) return false;
  const ejected = await ejectIfBanned(event.room, event.identity);
  if (ejected) console.log(`[webhook] ejected banned ${event.identity} from ${event.room}`);
  if (ejected) return true;
  const lockedOut = await ejectIfLockedOut(event.room, event.identity, event.participant);
  if (lockedOut) console.log(`[webhook] ejected ${event.identity} from locked ${event.room}`);
  if (lockedOut) return true;
  await flagJoin(event.room, event.identity, event.participant);
  return false;
}

/** Identity churn and ban-evasion hints (lib/teamwork/alerts-service); flagged only, and never a reason to fail the webhook. */
async function flagJoin(room: string, identity: string, participant: LiveKitWebhookEvent['participant']) {
  await alertsOnJoin({ room, identity, name: participant?.name ?? '', metadata: participant?.metadata ?? '' }).catch((error: unknown) =>
    console.error(`[webhook] could not check ${identity}'s join in ${room} for alerts`, error),
  );
}
