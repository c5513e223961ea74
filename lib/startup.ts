import 'server-only';
import { accountsReady } from '@/lib/auth/bootstrap';
import { authSecret } from '@/lib/auth/secret';
import { EnvError } from '@/lib/env';

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
}
