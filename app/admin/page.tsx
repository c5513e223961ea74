import type { Metadata } from 'next';
import { AccountsView } from '@/components/admin/accounts-view';
import { SignedInPage } from '@/components/signed-in-page';
import { listAccounts } from '@/lib/accounts/actions';
import { requireAccount } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Accounts · Stagekeeper' };

export default async function AdminPage() {
  const account = await requireAccount('admin', '/admin');
  const accounts = await listAccounts();
  return (
    <SignedInPage account={account} title="Accounts" narrow>
      <AccountsView
        accounts={
          accounts.ok
            ? accounts.data.map(({ id, email, name, role, hasPassword, disabledAt, ssoAllowed, ssoProvider }) => ({
                id,
                email,
                name,
                role,
                hasPassword,
                disabledAt: disabledAt?.toISOString() ?? null,
                ssoAllowed,
                ssoProvider,
              }))
            : []
        }
        selfId={account.id}
      />
    </SignedInPage>
  );
}
