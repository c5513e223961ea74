import { ejectIfBanned } from '@/lib/bans';
import { publishRoomEvent } from '@/lib/events/room-events';
import { receiveWebhook, type LiveKitWebhookEvent } from '@/lib/livekit/webhooks';

export async function POST(request: Request) {
  const body = await request.text();
  let event: LiveKitWebhookEvent;
  try {
    event = await receiveWebhook(body, request.headers.get('authorization'));
  } catch (error) {
    return Response.json(
      { error: `webhook refused: ${(error as Error).message || 'invalid signature'}` },
      { status: 401 },
    );
  }
  await publishRoomEvent(event);
  const ejected =
    event.event === 'participant_joined' && event.room && event.identity
      ? await ejectIfBanned(event.room, event.identity)
      : false;
  return Response.json({ received: event.event, id: event.id, ...(ejected && { ejected: event.identity }) });
}
