import type { Metadata } from 'next';
import { PresetsEditor } from '@/components/presets/presets-editor';
import { SignedInPage } from '@/components/signed-in-page';
import { listPresets } from '@/lib/presets/actions';
import { requireAccount } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Presets · Stagekeeper' };

export default async function PresetsPage() {
  const account = await requireAccount('admin', '/presets');
  const presets = await listPresets();
  return (
    <SignedInPage account={account} title="Permission presets">
      {presets.ok ? (
        <PresetsEditor initial={presets.data} />
      ) : (
        <p role="alert" className="text-red-300">{presets.error.message}</p>
      )}
    </SignedInPage>
  );
}
