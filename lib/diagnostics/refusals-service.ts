import 'server-only';
import { database } from '@/lib/db';
import { env } from '@/lib/env';
import { observeWebhookRefused } from '@/lib/observability/observe';
import { recordWebhookRefusal } from './store';

export type RefusalReason = 'no_signature' | 'other_key' | 'bad_signature';

/**
 * Why a delivery did not verify, from its Authorization header read without trusting it: none at
 * all, a token issued for another API key (LiveKit's webhook.api_key is not ours), or a signature
 * that does not match. Only these three values are ever stored.
 */
export function refusalReason(authorization: string | null, apiKey: string): RefusalReason {
  const token = authorization?.replace(/^Bearer\s+/i, '').trim();
  if (!token) return 'no_signature';
  const payload = token.split('.')[1];
  try {
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { iss?: unknown };
    return claims.iss === apiKey ? 'bad_signature' : 'other_key';
  } catch {
    return 'bad_signature';
  }
}

/** Counts a refused delivery for the Diagnostics page; never fails the 401 it accompanies. */
export async function noteWebhookRefused(authorization: string | null): Promise<RefusalReason> {
  const reason = refusalReason(authorization, env().livekit.apiKey);
  observeWebhookRefused(reason);
  try {
    await recordWebhookRefusal(await database(), reason);
  } catch (error) {
    console.error('[webhook] could not count a refused delivery', error);
  }
  return reason;
}
