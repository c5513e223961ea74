import 'server-only';
import { headers } from 'next/headers';
import { roleGate } from '@/lib/actions/gate';
import { databaseAuditSink } from '@/lib/actions/audit-store';
import { env } from '@/lib/env';
import { accountsReady } from './bootstrap';
import { clientAddress } from './request-origin';
import { currentActor } from './session';

/** The app's gate: the actor is the signed-in account, every call goes to the audit table. */
export const sessionActionGate = roleGate({
  currentActor,
  sink: databaseAuditSink(accountsReady, callerAddress),
});

/**
 * The caller's address for refusals of anonymous calls: the client the outermost trusted proxy saw
 * (STAGEKEEPER_TRUSTED_PROXIES), else the last hop of X-Forwarded-For (Next sets it to the socket's
 * address when a request arrives without one). Reached without a proxy, a caller can choose the
 * latter; the overall limit on anonymous refusals holds regardless.
 */
async function callerAddress(): Promise<string | undefined> {
  try {
    const list = await headers();
    const address = clientAddress(list, env().auth.trustedProxies) ?? list.get('x-forwarded-for')?.split(',').at(-1)?.trim();
    return address?.slice(0, 64) || undefined;
  } catch {
    return undefined; // outside a request
  }
}
