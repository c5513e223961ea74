import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/actions/gate';
import { findAccount, type Account } from '@/lib/db/accounts';
import { accountsReady } from './bootstrap';
import { authOptions } from './options';
import { roleAllows, type Access } from './roles';

/** The signed-in account, read fresh from the database; null without a valid session. */
export async function currentAccount(): Promise<Account | null> {
  const session = await getServerSession(authOptions());
  const id = session?.user?.id;
  if (!id) return null;
  return (await findAccount(await accountsReady(), id)) ?? null;
}

export async function currentActor(): Promise<Actor | null> {
  const account = await currentAccount();
  return account && { id: account.id, email: account.email, role: account.role, label: account.name || account.email };
}

/** For pages and route handlers: the account, or a redirect to sign in (or home, when the role is too low). */
export async function requireAccount(access: Access = 'read', returnTo = '/'): Promise<Account> {
  const account = await currentAccount();
  if (!account) redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (!roleAllows(account.role, access)) redirect('/?denied=1');
  return account;
}
