import 'server-only';
import { randomBytes } from 'node:crypto';
import { database, type Database } from '@/lib/db';
import { accountCount, findAccountRowByEmail, insertAccount } from '@/lib/db/accounts';
import { env } from '@/lib/env';
import { hashPassword } from './passwords';

export const GENERATED_ADMIN_EMAIL = 'admin@stagekeeper.local';

/**
 * The first admin: the one named by STAGEKEEPER_ADMIN_EMAIL / _PASSWORD when set (created if missing,
 * never overwritten), or, on the embedded default with no account at all, a generated one whose
 * password is printed this once.
 */
export async function ensureFirstAdmin(db: Database): Promise<void> {
  const { auth, embeddedDefault } = env();
  if (auth.bootstrapAdmin) {
    const { email, password } = auth.bootstrapAdmin;
    if (!(await findAccountRowByEmail(db, email))) {
      const created = await insertAccount(db, { email, name: 'Admin', role: 'admin', passwordHash: await hashPassword(password) });
      if (created) console.info(`[stagekeeper] created the admin account ${email} from STAGEKEEPER_ADMIN_EMAIL`);
    }
    return;
  }
  if (!embeddedDefault || (await accountCount(db)) > 0) return;
  const password = randomBytes(12).toString('base64url');
  const created = await insertAccount(db, {
    email: GENERATED_ADMIN_EMAIL,
    name: 'Admin',
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  if (created) {
    const lines = [
      'Stagekeeper created the first admin account (shown only once)',
      `  email:    ${GENERATED_ADMIN_EMAIL}`,
      `  password: ${password}`,
      'Sign in, then add moderators on the Accounts page.',
    ];
    const width = Math.max(...lines.map((line) => line.length)) + 2;
    console.info(
      ['', `┌${'─'.repeat(width)}┐`, ...lines.map((line) => `│ ${line.padEnd(width - 1)}│`), `└${'─'.repeat(width)}┘`, ''].join('\n'),
    );
  }
}

const READY = Symbol.for('stagekeeper.accounts-ready');
type Holder = { [READY]?: Promise<Database> };

/** The database with its migrations applied and the first admin in place; once per process. */
export function accountsReady(): Promise<Database> {
  const holder = globalThis as Holder;
  holder[READY] ??= (async () => {
    const db = await database();
    await ensureFirstAdmin(db);
    return db;
  })().catch((error: unknown) => {
    delete holder[READY];
    throw error;
  });
  return holder[READY];
}
