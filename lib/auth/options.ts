import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import type { Provider } from 'next-auth/providers/index';
import { findAccount, findAccountBySso, findAccountRowByEmail, type Account } from '@/lib/db/accounts';
import type { AccountRow } from '@/lib/db';
import { env } from '@/lib/env';
import { accountsReady } from './bootstrap';
import { burnPasswordCheck, PasswordCheckBusy, verifyPassword } from './passwords';
import { clientAddress } from './request-origin';
import type { Role } from './roles';
import { authSecret } from './secret';
import { resolveSsoSignIn } from './sso';
import { reserveSignIn, signInRefused, throttleKeys } from './throttle';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    /** the account's session_version when this session signed in; a newer one ends it */
    sv?: number;
  }
}

const SESSION_HOURS = 12;

/**
 * The password check, counted against the account and the client's address on exactly the email
 * next-auth parsed (form or JSON body, whatever the path): over the limit nothing is checked.
 */
async function checkCredentials(email: unknown, password: unknown, headers: Record<string, unknown> | undefined) {
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) return null;
  const address = clientAddress(new Headers(headers as Record<string, string> | undefined), env().auth.trustedProxies);
  const reservation = await reserveSignIn(throttleKeys({ email, address }));
  if (!reservation.ok) throw signInRefused({ status: 429, error: 'TooManyAttempts', retryAfterSeconds: reservation.retryAfterSeconds });
  let account: AccountRow | undefined;
  try {
    account = await accountWithPassword(email, password);
  } catch (error) {
    if (!(error instanceof PasswordCheckBusy)) throw error;
    await reservation.release(); // not checked, so not a failure
    throw signInRefused({ status: 503, error: 'SignInBusy', retryAfterSeconds: 1 });
  }
  if (!account) return null;
  // told only to someone who knows the password; still counted as a failed sign-in
  if (account.disabledAt) throw new Error('AccountDisabled');
  await reservation.release();
  return { id: account.id, email: account.email, name: account.name };
}

async function accountWithPassword(email: string, password: string): Promise<AccountRow | undefined> {
  const account = await findAccountRowByEmail(await accountsReady(), email);
  if (!account?.passwordHash) {
    await burnPasswordCheck(password);
    return undefined;
  }
  return (await verifyPassword(password, account.passwordHash)) ? account : undefined;
}

type GitHubEmail = { email: string; primary: boolean; verified: boolean };

/** GitHub's profile email may be any public one: the primary email, and only when GitHub verified it. */
function gitHub(clientId: string, clientSecret: string): Provider {
  return GitHubProvider({
    clientId,
    clientSecret,
    userinfo: {
      url: 'https://api.github.com/user',
      async request({ client, tokens }) {
        const profile = await client.userinfo(tokens.access_token!);
        const response = await fetch('https://api.github.com/user/emails', { headers: { Authorization: `token ${tokens.access_token}` } });
        const emails = response.ok ? ((await response.json()) as GitHubEmail[]) : [];
        const primary = emails.find((entry) => entry.primary && entry.verified);
        return { ...profile, email: primary?.email, email_verified: Boolean(primary) };
      },
    },
  });
}

function providers(): Provider[] {
  const { auth } = env();
  const list: Provider[] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials, request) => checkCredentials(credentials?.email, credentials?.password, request?.headers),
    }),
  ];
  if (auth.github) list.push(gitHub(auth.github.clientId, auth.github.clientSecret));
  if (auth.oidc) {
    list.push({
      id: 'oidc',
      name: auth.oidc.name,
      type: 'oauth',
      wellKnown: `${auth.oidc.issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`,
      authorization: { params: { scope: 'openid email profile' } },
      idToken: true,
      checks: ['pkce', 'state'],
      clientId: auth.oidc.clientId,
      clientSecret: auth.oidc.clientSecret,
      profile: (profile: { sub: string; email?: string; name?: string }) => ({
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? null,
      }),
    });
  }
  return list;
}

/** The account a session stands for, while it may: not disabled, and signed in after its last password change. */
export async function sessionAccount(token: { sub?: string; sv?: number }): Promise<Account | undefined> {
  if (!token.sub) return undefined;
  const account = await findAccount(await accountsReady(), token.sub);
  if (!account || account.disabledAt || account.sessionVersion !== (token.sv ?? 0)) return undefined;
  return account;
}

/**
 * Sessions are JWTs whose subject is a Stagekeeper account id. GitHub and OIDC only sign in
 * accounts an admin created beforehand (see resolveSsoSignIn): an identity provider proves who
 * someone is, the accounts table says what they may do. The account is read from the database
 * on every request, so a role change, a disabled account or a new password takes effect at once.
 * With `secureCookies` (served over https) the cookies are `Secure` and `__Secure-`/`__Host-` named.
 */
export function authOptions({ secureCookies = false }: { secureCookies?: boolean } = {}): NextAuthOptions {
  return {
    secret: authSecret(),
    useSecureCookies: secureCookies,
    session: { strategy: 'jwt', maxAge: SESSION_HOURS * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: providers(),
    callbacks: {
      async signIn({ account, profile }) {
        if (!account || account.provider === 'credentials') return true;
        const claims = (profile ?? {}) as { email?: unknown; email_verified?: unknown };
        const outcome = await resolveSsoSignIn(await accountsReady(), {
          provider: account.provider,
          subject: account.providerAccountId,
          email: typeof claims.email === 'string' ? claims.email : undefined,
          emailVerified: claims.email_verified === true || claims.email_verified === 'true',
        });
        return 'account' in outcome ? true : `/signin?error=${outcome.refused}`;
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const db = await accountsReady();
          const signedIn =
            account.provider === 'credentials'
              ? await findAccount(db, user.id)
              : await findAccountBySso(db, account.provider, account.providerAccountId);
          token.sub = signedIn?.id;
          token.sv = signedIn?.sessionVersion ?? 0;
        }
        return token;
      },
      async session({ session, token }) {
        const found = await sessionAccount(token);
        if (!found) return { expires: session.expires } as typeof session;
        session.user = { id: found.id, email: found.email, name: found.name, role: found.role };
        return session;
      },
    },
  };
}
