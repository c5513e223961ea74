import type { Metadata } from 'next';
import { AccountProvider } from '@/components/account-context';
import { AccountsView } from '@/components/admin/accounts-view';
import { AppHeader } from '@/components/app-header';
import { listAccounts } from '@/lib/actions/accounts';
import { requireAccount } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Accounts · Stagekeeper' };

export default async function AdminPage() {
  const account = await requireAccount('admin', '/admin');
  const accounts = await listAccounts();
  return (
    <AccountProvider account={{ email: account.email, name: account.name, role: account.role }}>
      <AppHeader>
        <span className="font-medium text-zinc-100">Accounts</span>
      </AppHeader>
      <main className="mx-auto max-w-[1200px] px-4 py-4">
        <AccountsView
          accounts={accounts.ok ? accounts.data.map(({ id, email, name, role, hasPassword }) => ({ id, email, name, role, hasPassword })) : []}
          selfId={account.id}
        />
      </main>
    </AccountProvider>
  );
}
