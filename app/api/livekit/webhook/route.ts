import { receiveWebhook } from '@/lib/livekit/webhooks';

export async function POST(request: Request) {
  const body = await request.text();
  try {
    const event = await receiveWebhook(body, request.headers.get('authorization'));
    return Response.json({ received: event.event, id: event.id });
  } catch (error) {
    return Response.json(
      { error: `webhook refused: ${(error as Error).message || 'invalid signature'}` },
      { status: 401 },
    );
  }
}
