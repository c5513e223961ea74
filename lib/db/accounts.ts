import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Role } from '@/lib/auth/roles';
import { accounts, type AccountRow, type Database } from './index';

export type Account = Omit<AccountRow, 'passwordHash'> & { hasPassword: boolean };

function publicAccount({ passwordHash, ...account }: AccountRow): Account {
  return { ...account, hasPassword: passwordHash !== null };
}

export async function accountCount(db: Database): Promise<number> {
  const [row] = await db.select({ value: count() }).from(accounts);
  return row?.value ?? 0;
}

export async function findAccountRowByEmail(db: Database, email: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.email, email.trim().toLowerCase()));
  return row;
}

export async function findAccount(db: Database, id: string): Promise<Account | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row && publicAccount(row);
}

export async function listAccounts(db: Database): Promise<Account[]> {
  const rows = await db.select().from(accounts).orderBy(asc(accounts.email));
  return rows.map(publicAccount);
}

export async function insertAccount(
  db: Database,
  account: { email: string; name?: string; role: Role; passwordHash: string | null },
): Promise<Account | undefined> {
  const [row] = await db
    .insert(accounts)
    .values({ id: randomUUID(), email: account.email.trim().toLowerCase(), name: account.name ?? '', role: account.role, passwordHash: account.passwordHash })
    .onConflictDoNothing({ target: accounts.email })
    .returning();
  return row && publicAccount(row);
}

export async function updateRole(db: Database, id: string, role: Role): Promise<Account | undefined> {
  const [row] = await db.update(accounts).set({ role, updatedAt: new Date() }).where(eq(accounts.id, id)).returning();
  return row && publicAccount(row);
}

/** Admins who can sign in: a disabled admin does not count. */
export async function countActiveAdmins(db: Database): Promise<number> {
  const [row] = await db
    .select({ value: count() })
    .from(accounts)
    .where(and(eq(accounts.role, 'admin'), isNull(accounts.disabledAt)));
  return row?.value ?? 0;
}

export async function findAccountRow(db: Database, id: string): Promise<AccountRow | undefined> {
  const [row] = await db.select().from(accounts).where(eq(accounts.id, id));
  return row;
}

export async function findAccountBySso(db: Database, provider: string, subject: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.ssoProvider, provider), eq(accounts.ssoSubject, subject)));
  return row;
}

/** Binds the account to an SSO identity, only if it has none yet; undefined when another sign-in bound it first. */
export async function bindSsoIdentity(db: Database, id: string, provider: string, subject: string): Promise<AccountRow | undefined> {
  const [row] = await db
    .update(accounts)
    .set({ ssoProvider: provider, ssoSubject: subject, updatedAt: new Date() })
    .where(and(eq(accounts.id, id), isNull(accounts.ssoSubject)))
    .returning()
    .catch(() => []); // the identity is bound to another account (unique index)
  return row;
}

export async function setDisabled(db: Database, id: string, disabled: boolean): Promise<Account | undefined> {
  const [row] = await db
    .update(accounts)
    .set({ disabledAt: disabled ? sql`coalesce(${accounts.disabledAt}, now())` : null, updatedAt: new Date() })
    .where(eq(accounts.id, id))
    .returning();
  return row && publicAccount(row);
}

/** A new password ends every session signed in before it. */
export async function setPasswordHash(db: Database, id: string, passwordHash: string): Promise<Account | undefined> {
  const [row] = await db
    .update(accounts)
    .set({ passwordHash, sessionVersion: sql`${accounts.sessionVersion} + 1`, updatedAt: new Date() })
    .where(eq(accounts.id, id))
    .returning();
  return row && publicAccount(row);
}

const forgetSso = { ssoProvider: null, ssoSubject: null, sessionVersion: sql`${accounts.sessionVersion} + 1` };

/**
 * Allowing SSO for a password account, or taking it back: that forgets the bound identity and ends
 * every session signed in before (a session does not record how it signed in, so password ones too).
 */
export async function setSsoAllowed(db: Database, id: string, allowed: boolean): Promise<Account | undefined> {
  const [row] = await db
    .update(accounts)
    .set({ ssoAllowed: allowed, ...(!allowed && forgetSso), updatedAt: new Date() })
    .where(eq(accounts.id, id))
    .returning();
  return row && publicAccount(row);
}
