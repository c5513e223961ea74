import 'server-only';
import { headers } from 'next/headers';
import { roleGate } from '@/lib/actions/gate';
import { databaseAuditSink } from '@/lib/db/audit';
import { accountsReady } from './bootstrap';
import { currentActor } from './session';

/** The app's gate: the actor is the signed-in account, every call goes to the audit table. */
export const sessionActionGate = roleGate({
  currentActor,
  sink: databaseAuditSink(accountsReady, clientAddress),
});

/**
 * The caller's address: the last hop of X-Forwarded-For, which is what the nearest proxy saw (Next
 * sets the header to the socket's address when a request arrives without one). Reached without a
 * proxy, a caller can choose it; the overall limit on anonymous refusals holds regardless.
 */
async function clientAddress(): Promise<string | undefined> {
  try {
    const forwarded = (await headers()).get('x-forwarded-for');
    return forwarded?.split(',').at(-1)?.trim().slice(0, 64) || undefined;
  } catch {
    return undefined; // outside a request
  }
}
