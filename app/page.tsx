import { RoomsView } from '@/components/rooms/rooms-view';
import { SignedIn } from '@/components/signed-in-page';
import { listRooms } from '@/lib/rooms/actions';
import { requireAccount } from '@/lib/auth/session';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

export default async function RoomsPage() {
  const account = await requireAccount('read', '/');
  const initial = await listRooms();
  const { livekit } = env();
  return (
    <SignedIn account={account}>
      <RoomsView serverUrl={livekit.apiUrl} embedded={livekit.embedded} initialRooms={initial.ok ? initial.data : undefined} />
    </SignedIn>
  );
}
