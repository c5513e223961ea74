import 'server-only';
import { getServerSession } from 'next-auth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/actions/gate';
import { findAccount, type Account } from '@/lib/db/accounts';
import { env } from '@/lib/env';
import { accountsReady } from './bootstrap';
import { authOptions } from './options';
import { servedOverHttps } from './request-origin';
import { roleAllows, type Access } from './roles';

/** The signed-in account, read fresh from the database; null without a valid session (or a disabled account). */
export async function currentAccount(): Promise<Account | null> {
  const { publicUrl, trustedProxies } = env().auth;
  const secureCookies = servedOverHttps(await headers(), publicUrl, trustedProxies);
  const session = await getServerSession(authOptions({ secureCookies }));
  const id = session?.user?.id;
  if (!id) return null;
  const account = await findAccount(await accountsReady(), id);
  return account && !account.disabledAt ? account : null;
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
