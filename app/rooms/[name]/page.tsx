import type { Metadata } from 'next';
import { RoomConsole } from '@/components/room/room-console';
import { TeamworkProvider } from '@/components/room/teamwork/teamwork-context';
import { SignedIn } from '@/components/signed-in-page';
import { requireAccount } from '@/lib/auth/session';
import { env } from '@/lib/env';
import { listParticipants } from '@/lib/participants/actions';
import { getRoom } from '@/lib/rooms/actions';

export const dynamic = 'force-dynamic';

type Params = Promise<{ name: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { name } = await params;
  return { title: `${decodeURIComponent(name)} · Stagekeeper` };
}

export default async function RoomPage({ params }: { params: Params }) {
  const { name } = await params;
  const account = await requireAccount('read', `/rooms/${name}`);
  const room = decodeURIComponent(name);
  const [initial, roomInfo] = await Promise.all([listParticipants({ room }), getRoom({ room })]);
  const { livekit, maxMetadataBytes } = env();
  return (
    <SignedIn account={account}>
      <TeamworkProvider room={room}>
        <RoomConsole
          room={room}
          serverUrl={livekit.apiUrl}
          maxMetadataBytes={maxMetadataBytes}
          initialParticipants={initial.ok ? initial.data : undefined}
          initialRoom={roomInfo.ok ? roomInfo.data : undefined}
        />
      </TeamworkProvider>
    </SignedIn>
  );
}
