import type { Metadata } from 'next';
import { AccountProvider } from '@/components/account-context';
import { AppHeader } from '@/components/app-header';
import { PresetsEditor } from '@/components/presets/presets-editor';
import { listPresets } from '@/lib/actions/preset-admin';
import { requireAccount } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Presets · Stagekeeper' };

export default async function PresetsPage() {
  const account = await requireAccount('admin', '/presets');
  const presets = await listPresets();
  return (
    <AccountProvider account={{ email: account.email, name: account.name, role: account.role }}>
      <AppHeader>
        <span className="font-medium text-zinc-100">Permission presets</span>
      </AppHeader>
      <main className="mx-auto max-w-[1600px] px-4 py-4">
        {presets.ok ? (
          <PresetsEditor initial={presets.data} />
        ) : (
          <p role="alert" className="text-red-300">{presets.error.message}</p>
        )}
      </main>
    </AccountProvider>
  );
}
