import 'server-only';
import { roleGate } from '@/lib/actions/gate';
import { insertAuditEntries, insertAuditEntry } from '@/lib/db/audit';
import { accountsReady } from './bootstrap';
import { currentActor } from './session';

/** The app's gate: the actor is the signed-in account, every call goes to the audit table. */
export const sessionActionGate = roleGate({
  currentActor,
  record: async (entry) => insertAuditEntry(await accountsReady(), entry),
  recordMany: async (entries) => insertAuditEntries(await accountsReady(), entries),
});
