import 'server-only';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Actor } from '@/lib/actions/gate';
import type { Account } from '@/lib/db/accounts';
import { env } from '@/lib/env';
import { sessionAccount } from './options';
import { servedOverHttps } from './request-origin';
import { roleAllows, type Access } from './roles';
import { authSecret } from './secret';
import { decodeSessionToken, sessionCookieName, sessionTokenFrom } from './session-token';

/** The signed-in account, read fresh from the database; null without a valid session (or a disabled account). */
export async function currentAccount(): Promise<Account | null> {
  const { publicUrl, trustedProxies } = env().auth;
  const secureCookies = servedOverHttps(await headers(), publicUrl, trustedProxies);
  const token = sessionTokenFrom((await cookies()).getAll(), sessionCookieName(secureCookies));
  const claims = token ? await decodeSessionToken(token, authSecret()) : null;
  if (!claims) return null;
  // the session callback's rule (lib/auth/options.ts), read once: not disabled, signed in after the last password change
  return (await sessionAccount({ sub: claims.sub, sv: typeof claims.sv === 'number' ? claims.sv : undefined })) ?? null;
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
