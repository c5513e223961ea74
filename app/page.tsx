import { listParticipants } from '@/lib/actions/participants';
import { listRooms } from '@/lib/actions/rooms';
import { stageRole } from '@/lib/actions/presets';
import { livekitServerUrl } from '@/lib/livekit';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  const rooms = await listRooms();
  const participantsByRoom = rooms.ok
    ? await Promise.all(rooms.data.map(async (room) => ({ room, participants: await listParticipants({ room: room.name }) })))
    : [];

  return (
    <main className="mx-auto max-w-5xl p-8">
      <header className="mb-6 flex items-baseline justify-between">
        <h1 className="text-2xl font-semibold">Stagekeeper</h1>
        <span className="text-sm text-zinc-400">LiveKit: {livekitServerUrl()}</span>
      </header>
      {!rooms.ok && (
        <p role="alert" className="rounded border border-red-800 bg-red-950 p-4 text-red-200">
          {rooms.error.message}
        </p>
      )}
      {rooms.ok && rooms.data.length === 0 && <p className="text-zinc-400">No active rooms.</p>}
      {participantsByRoom.map(({ room, participants }) => (
        <section key={room.sid} className="mb-8">
          <h2 className="mb-2 text-lg font-medium">
            {room.name} <span className="text-sm text-zinc-400">({room.numParticipants} participants)</span>
          </h2>
          {participants.ok ? (
            <table className="w-full text-left text-sm">
              <thead className="text-zinc-400">
                <tr>
                  <th className="py-1">Identity</th>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Tracks</th>
                </tr>
              </thead>
              <tbody>
                {participants.data.map((p) => (
                  <tr key={p.sid} className="border-t border-zinc-800">
                    <td className="py-1 font-mono">{p.identity}</td>
                    <td>{p.name}</td>
                    <td>{stageRole(p.permission)}</td>
                    <td>{p.tracks.map((t) => `${t.source}${t.muted ? ' (muted)' : ''}`).join(', ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p role="alert" className="text-red-300">{participants.error.message}</p>
          )}
        </section>
      ))}
    </main>
  );
}
