import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import GitHubProvider from 'next-auth/providers/github';
import type { Provider } from 'next-auth/providers/index';
import { findAccount, findAccountRowByEmail } from '@/lib/db/accounts';
import { env } from '@/lib/env';
import { accountsReady } from './bootstrap';
import { burnPasswordCheck, verifyPassword } from './passwords';
import type { Role } from './roles';
import { authSecret } from './secret';

declare module 'next-auth' {
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
  }
}

const SESSION_HOURS = 12;

async function checkCredentials(email: unknown, password: unknown) {
  if (typeof email !== 'string' || typeof password !== 'string' || !email || !password) return null;
  const db = await accountsReady();
  const account = await findAccountRowByEmail(db, email);
  if (!account?.passwordHash) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(password, account.passwordHash))) return null;
  return { id: account.id, email: account.email, name: account.name };
}

function providers(): Provider[] {
  const { auth } = env();
  const list: Provider[] = [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: (credentials) => checkCredentials(credentials?.email, credentials?.password),
    }),
  ];
  if (auth.github) list.push(GitHubProvider({ clientId: auth.github.clientId, clientSecret: auth.github.clientSecret }));
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

/**
 * Sessions are JWTs whose subject is a Stagekeeper account id. GitHub and OIDC only sign in
 * accounts an admin created beforehand (matched by email): an identity provider proves who
 * someone is, the accounts table says what they may do. The role is read from the database
 * on every request, so a role change or a removed account takes effect at once.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: authSecret(),
    session: { strategy: 'jwt', maxAge: SESSION_HOURS * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: providers(),
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider === 'credentials') return true;
        if (!user.email) return false;
        return Boolean(await findAccountRowByEmail(await accountsReady(), user.email));
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          if (account.provider === 'credentials') {
            token.sub = user.id;
          } else {
            const known = user.email ? await findAccountRowByEmail(await accountsReady(), user.email) : undefined;
            token.sub = known?.id;
          }
        }
        return token;
      },
      async session({ session, token }) {
        const found = token.sub ? await findAccount(await accountsReady(), token.sub) : undefined;
        if (!found) return { expires: session.expires } as typeof session;
        session.user = { id: found.id, email: found.email, name: found.name, role: found.role };
        return session;
      },
    },
  };
}
