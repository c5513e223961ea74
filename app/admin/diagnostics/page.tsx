import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { DiagnosticsView } from '@/components/admin/diagnostics-view';
import { SignedInPage } from '@/components/signed-in-page';
import { requireAccount } from '@/lib/auth/session';
import { reachedBy, runDiagnostics } from '@/lib/diagnostics/service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Diagnostics · Stagekeeper' };

/** The setup check, for admins: the same lines `npm run doctor` prints (lib/diagnostics/service.ts). */
export default async function DiagnosticsPage() {
  const account = await requireAccount('admin', '/admin/diagnostics');
  const checks = await runDiagnostics(reachedBy('http://localhost', await headers()));
  return (
    <SignedInPage account={account} title="Diagnostics" narrow>
      <DiagnosticsView checks={checks} />
    </SignedInPage>
  );
}
