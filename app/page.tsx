import { RoomsView } from '@/components/rooms/rooms-view';
import { listRooms } from '@/lib/actions/rooms';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

export default async function RoomsPage() {
  const initial = await listRooms();
  const { livekit } = env();
  return <RoomsView serverUrl={livekit.apiUrl} embedded={livekit.embedded} initialRooms={initial.ok ? initial.data : undefined} />;
}
