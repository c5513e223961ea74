import { performAs } from '@/lib/actions/define-action';
import { carriesOpsToken } from '@/lib/auth/ops-token';
import { currentActor } from '@/lib/auth/session';
import { roleAllows } from '@/lib/auth/roles';
import type { Actor } from '@/lib/actions/gate';
import { reachedBy, runDiagnostics } from '@/lib/diagnostics/service';
import type { Check } from '@/lib/diagnostics/shared';
import { webhookTestDefinition } from '@/lib/diagnostics/webhook-test-service';

export const dynamic = 'force-dynamic';

/** Who `npm run doctor` acts as in the audit log when it sends a test with the ops token. */
const OPS_TOKEN_ACTOR: Actor = { id: 'ops-token', email: 'ops-token', role: 'admin', label: 'Ops token (npm run doctor)' };

/**
 * The setup check as JSON, for `npm run doctor`: with the ops token, or as a signed-in admin.
 * `?test=1` also sends a test webhook (creates and deletes a scratch room, audited).
 */
export async function GET(request: Request) {
  const actor = carriesOpsToken(request.headers) ? OPS_TOKEN_ACTOR : await currentActor().catch(() => null);
  if (!actor || !roleAllows(actor.role, 'admin')) {
    return Response.json({ error: 'unauthorized', message: 'Send Authorization: Bearer <STAGEKEEPER_OPS_TOKEN>, or sign in as an admin' }, { status: 401 });
  }
  const reached = reachedBy(request.url, request.headers);
  const checks = await runDiagnostics(reached);
  if (new URL(request.url).searchParams.get('test') === '1') checks.push(await webhookTest(actor, reached));
  return Response.json({ checks });
}

async function webhookTest(actor: Actor, reached: ReturnType<typeof reachedBy>): Promise<Check> {
  const result = await performAs(webhookTestDefinition(async () => reached), {}, actor);
  if (result.ok) return result.data;
  return { id: 'webhooks.test', section: 'webhooks', label: 'Test delivery', status: 'fail', detail: result.error.message, fix: 'See the audit log for this call.' };
}
