import type { Metadata } from 'next';
import { AccountProvider } from '@/components/account-context';
import { AppHeader } from '@/components/app-header';
import { BansView } from '@/components/bans/bans-view';
import { listBans } from '@/lib/actions/bans';
import { requireAccount } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Bans · Stagekeeper' };

export default async function BansPage() {
  const account = await requireAccount('read', '/bans');
  const bans = await listBans();
  return (
    <AccountProvider account={{ email: account.email, name: account.name, role: account.role }}>
      <AppHeader>
        <span className="font-medium text-zinc-100">Bans</span>
      </AppHeader>
      <main className="mx-auto max-w-[1600px] px-4 py-4">
        <BansView initialBans={bans.ok ? bans.data : []} loadError={bans.ok ? null : bans.error.message} />
      </main>
    </AccountProvider>
  );
}
