import { alertsOnJoin } from '@/lib/teamwork/alerts-service';
import { ejectIfBanned } from '@/lib/bans/service';
import { database } from '@/lib/db';
import { publishRoomEvent } from '@/lib/events/room-events-store';
import { ejectIfLockedOut } from '@/lib/access/lock-eject-service';
import { claimWebhookEvent, releaseWebhookEvent } from '@/lib/webhooks/store';
import { recordPresence } from '@/lib/history/attendance-store';
import { sampleRoomSoon } from '@/lib/activity/job';
import { noteWebhookRefused } from '@/lib/diagnostics/refusals-service';
import { observeWebhook } from '@/lib/observability/observe';
import { readWebhookBody, receiveWebhook, WebhookBodyTooLarge, type LiveKitWebhookEvent } from '@/lib/livekit/webhooks';

/** verify → de-duplicate → dispatch. Errors answer with a code only: nothing of the verifier's text. */
export async function POST(request: Request) {
  let event: LiveKitWebhookEvent;
  try {
    event = await receiveWebhook(await readWebhookBody(request), request.headers.get('authorization'));
  } catch (error) {
    if (error instanceof WebhookBodyTooLarge) return Response.json({ error: 'too_large' }, { status: 413 });
    await noteWebhookRefused(request.headers.get('authorization'));
    return Response.json({ error: 'invalid_signature' }, { status: 401 });
  }

  let first: boolean;
  try {
    first = await claimWebhookEvent(await database(), event);
  } catch (error) {
    console.error(`[webhook] could not record event ${event.id}; LiveKit will deliver it again`, error);
    observeWebhook(event, 'unavailable');
    return Response.json({ error: 'unavailable' }, { status: 503 });
  }
  observeWebhook(event, first ? 'accepted' : 'duplicate');
  if (!first) return Response.json({ received: event.event, id: event.id, duplicate: true });

  try {
    const ejected = await dispatch(event);
    return Response.json({ received: event.event, id: event.id, ...(ejected && { ejected: event.identity }) });
  } catch (error) {
    // not handled: the next delivery of this event must act, so it is no longer claimed
    console.error(`[webhook] could not handle ${event.event} ${event.id}`, error);
    await releaseWebhookEvent(await database(), event.id).catch(() => {});
    return Response.json({ error: 'internal' }, { status: 500 });
  }
}

const ACTIVITY_WEBHOOKS = new Set(['participant_joined', 'participant_left', 'track_published', 'track_unpublished']);

/** Acts on a first delivery; true when a banned participant, or a newcomer to a locked room, was ejected. */
async function dispatch(event: LiveKitWebhookEvent): Promise<boolean> {
  await publishRoomEvent(event);
  const ejected = await enforceAdmission(event);
  // the participant's history (joins and leaves) and the room chart; neither may hold up or stop an eject
  await recordPresence(await database(), event).catch((error: unknown) => console.error('[webhook] could not record a join or leave', error));
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

/** Identity churn and ban-evasion hints (lib/alerts.ts); flagged only, and never a reason to fail the webhook. */
async function flagJoin(room: string, identity: string, participant: LiveKitWebhookEvent['participant']) {
  await alertsOnJoin({ room, identity, name: participant?.name ?? '', metadata: participant?.metadata ?? '' }).catch((error: unknown) =>
    console.error(`[webhook] could not check ${identity}'s join in ${room} for alerts`, error),
  );
}
