import 'server-only';
import { randomUUID } from 'node:crypto';
import { asc, count, eq } from 'drizzle-orm';
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

export async function countAdmins(db: Database): Promise<number> {
  const [row] = await db.select({ value: count() }).from(accounts).where(eq(accounts.role, 'admin'));
  return row?.value ?? 0;
}
