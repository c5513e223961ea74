import 'server-only';
import { bindSsoIdentity, findAccountBySso, findAccountRowByEmail } from '@/lib/db/accounts';
import type { AccountRow, Database } from '@/lib/db';

export interface SsoIdentity {
  /** next-auth's provider id: `github` or `oidc` */
  provider: string;
  /** the provider's stable subject (OIDC `sub`, GitHub's user id) */
  subject: string;
  email: string | undefined;
  /** the provider vouches that the person controls this email */
  emailVerified: boolean;
}

export type SsoRefusal = 'EmailNotVerified' | 'AccessDenied' | 'AccountDisabled' | 'SsoNotAllowed' | 'SsoIdentityMismatch';

/**
 * Which account an SSO sign-in reaches, if any. An identity already bound to an account reaches that
 * account. Otherwise the email must be verified by the provider and name an account that is not bound
 * to another identity, and that has no password unless an admin allowed SSO for it; the account is
 * then bound to this provider and subject, and later SSO sign-ins must present the same ones.
 */
export async function resolveSsoSignIn(db: Database, identity: SsoIdentity): Promise<{ account: AccountRow } | { refused: SsoRefusal }> {
  const bound = await findAccountBySso(db, identity.provider, identity.subject);
  if (bound) {
    if (bound.disabledAt) return { refused: 'AccountDisabled' };
    if (bound.passwordHash !== null && !bound.ssoAllowed) return { refused: 'SsoNotAllowed' };
    return { account: bound };
  }
  if (!identity.email) return { refused: 'AccessDenied' };
  if (!identity.emailVerified) return { refused: 'EmailNotVerified' };
  const account = await findAccountRowByEmail(db, identity.email);
  if (!account) return { refused: 'AccessDenied' };
  if (account.disabledAt) return { refused: 'AccountDisabled' };
  if (account.ssoSubject !== null) return { refused: 'SsoIdentityMismatch' };
  if (account.passwordHash !== null && !account.ssoAllowed) return { refused: 'SsoNotAllowed' };
  const boundNow = await bindSsoIdentity(db, account.id, identity.provider, identity.subject);
  return boundNow ? { account: boundNow } : { refused: 'SsoIdentityMismatch' };
}
