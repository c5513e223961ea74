import 'server-only';
import { accountsReady } from '@/lib/auth/bootstrap';
import { authSecret } from '@/lib/auth/secret';
import { database } from '@/lib/db';
import { pruneAuditLog } from '@/lib/db/audit';
import { env, EnvError } from '@/lib/env';

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Once per server start: a production server without NEXTAUTH_SECRET stops here with a clear
 * message instead of failing on the first sign-in, and the database is migrated (and the first
 * admin created and printed) before anyone asks for a page.
 */
export async function startServer(): Promise<void> {
  try {
    authSecret();
    await accountsReady();
  } catch (error) {
    console.error(error instanceof EnvError ? `\n${error.message}\n` : error);
    process.exit(1);
  }
  keepAuditReadsFor(env().auditReadRetentionDays);
}

/** Prunes old successful reads now and every 6 hours; 0 days keeps them all. */
function keepAuditReadsFor(days: number): void {
  if (days === 0) return;
  const prune = async () => {
    try {
      const pruned = await pruneAuditLog(await database(), new Date(Date.now() - days * DAY_MS));
      if (pruned > 0) console.log(`[audit] pruned ${pruned} successful reads older than ${days} days`);
    } catch (error) {
      console.error('[audit] could not prune old reads', error);
    }
  };
  void prune();
  setInterval(() => void prune(), PRUNE_EVERY_MS).unref();
}
