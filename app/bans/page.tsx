import type { Metadata } from 'next';
import { BansView } from '@/components/bans/bans-view';
import { SignedInPage } from '@/components/signed-in-page';
import { listBans } from '@/lib/bans/actions';
import { requireAccount } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Bans · Stagekeeper' };

export default async function BansPage() {
  const account = await requireAccount('read', '/bans');
  const bans = await listBans();
  return (
    <SignedInPage account={account} title="Bans">
      <BansView initialBans={bans.ok ? bans.data : []} loadError={bans.ok ? null : bans.error.message} />
    </SignedInPage>
  );
}
