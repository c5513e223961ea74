import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/auth/change-password-form';
import { SignedInPage } from '@/components/signed-in-page';
import { requireAccount } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Password · Stagekeeper' };

export default async function PasswordPage() {
  const account = await requireAccount('read', '/account/password');
  return (
    <SignedInPage account={account} title="Password" narrow>
      {account.hasPassword ? (
        <ChangePasswordForm email={account.email} />
      ) : (
        <p className="text-sm text-zinc-400">This account signs in through single sign-on and has no password.</p>
      )}
    </SignedInPage>
  );
}
