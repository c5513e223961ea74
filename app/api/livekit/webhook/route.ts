import { noteWebhookRefused } from '@/lib/diagnostics/refusals-service';
import { deliveredFrom, readWebhookBody, receiveWebhook, WebhookBodyTooLarge, type LiveKitWebhookEvent } from '@/lib/livekit/webhooks';
import { observeWebhookDelivery } from '@/lib/observability/observe';
import { handleWebhook } from '@/lib/webhooks/service';

/** verify → handle (lib/webhooks/service). Errors answer with a code only: nothing of the verifier's text. */
export async function POST(request: Request) {
  let event: LiveKitWebhookEvent;
  try {
    event = await receiveWebhook(await readWebhookBody(request), request.headers.get('authorization'), deliveredFrom(request.headers));
  } catch (error) {
    if (error instanceof WebhookBodyTooLarge) return Response.json({ error: 'too_large' }, { status: 413 });
    await noteWebhookRefused(request.headers.get('authorization'));
    return Response.json({ error: 'invalid_signature' }, { status: 401 });
  }
  const { status, body } = await observeWebhookDelivery(event, () => handleWebhook(event));
  return Response.json(body, { status });
}
