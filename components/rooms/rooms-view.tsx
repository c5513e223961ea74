'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useCan } from '@/components/account-context';
import { AppHeader } from '@/components/app-header';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toaster';
import { createRoom } from '@/lib/rooms/admin-actions';
import { CreateRoomDialog } from './room-admin-dialogs';
import { coalesced, useRelistOnChange, useRoomsStream } from './use-rooms-stream';
import { listRooms } from '@/lib/rooms/actions';
import { unwrap } from '@/lib/actions/result';
import { metadataSummary, relativeTime } from '@/lib/format';
import type { RoomView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';
import { formatDateTime } from '@/lib/format';

/** While pushed changes arrive, a slow poll only repairs what a lost message would leave stale. */
const SAFETY_POLL_MS = 30_000;
/** Without the stream the list refreshes on a short timer, as it did before the push. */
const FALLBACK_POLL_MS = 3_000;

export function RoomsView({
  serverUrl,
  embedded,
  initialRooms,
}: {
  serverUrl: string;
  embedded: boolean;
  initialRooms?: RoomView[];
}) {
  const canAdmin = useCan('admin');
  const queryClient = useQueryClient();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  // our own re-lists run one at a time, so each may cancel a poll in flight that began before its change
  const relist = useMemo(
    () => coalesced(() => queryClient.refetchQueries({ queryKey: queryKeys.rooms(), exact: true })),
    [queryClient],
  );
  const stream = useRoomsStream(useRelistOnChange(relist));
  const rooms = useQuery({
    queryKey: queryKeys.rooms(),
    queryFn: async () => unwrap(await listRooms()),
    initialData: initialRooms,
    refetchInterval: stream === 'live' ? SAFETY_POLL_MS : FALLBACK_POLL_MS,
    refetchIntervalInBackground: false,
  });
  const [search, setSearch] = useState('');
  const searchRef = useRef<HTMLInputElement>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => setNow(Date.now()), [rooms.dataUpdatedAt]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === '/' && !(event.target as HTMLElement | null)?.closest('input, textarea')) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const visible = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return (rooms.data ?? []).filter((room) => room.name.toLowerCase().includes(needle));
  }, [rooms.data, search]);

  return (
    <>
      <AppHeader serverUrl={serverUrl} status={rooms.isError ? 'error' : stream}>
        <span className="font-medium text-zinc-100">Rooms</span>
      </AppHeader>
      <main className="mx-auto max-w-[1600px] px-4 py-4">
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <h1 className="text-lg font-semibold">Live rooms</h1>
          {rooms.isSuccess && <span className="text-xs text-zinc-400">{rooms.data.length} active</span>}
          <div className="relative flex w-full gap-2 sm:ml-auto sm:w-auto">
            {canAdmin && (
              <Button size="md" variant="primary" onClick={() => setCreating(true)}>
                Create room
              </Button>
            )}
            <input
              ref={searchRef}
              type="search"
              aria-label="Search rooms"
              placeholder="Search rooms"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              className="h-9 min-w-0 flex-1 rounded-md sm:w-72 sm:flex-none border border-zinc-700 bg-zinc-900 pr-8 pl-3 text-sm outline-none placeholder:text-zinc-500 focus:ring-2 focus:ring-indigo-500/50"
            />
            <kbd className="absolute top-2.5 right-2 rounded border border-zinc-700 px-1 text-[10px] text-zinc-400">/</kbd>
          </div>
        </div>
        <CreateRoomDialog
          open={creating}
          onClose={() => setCreating(false)}
          onCreate={async (settings) => {
            const result = await createRoom(settings);
            if (!result.ok) {
              toast({ kind: 'error', title: `Could not create ${settings.name}`, description: result.error.message });
              return false;
            }
            toast({ kind: 'success', title: `Created ${result.data.name}` });
            await queryClient.invalidateQueries({ queryKey: queryKeys.rooms(), exact: true });
            return true;
          }}
        />

        {rooms.isError && (
          <p role="alert" className="mb-3 rounded-md border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-100">
            {rooms.error.message}
          </p>
        )}

        {rooms.isSuccess && rooms.data.length === 0 ? (
          <div className="rounded-lg border border-dashed border-zinc-700 p-10 text-center">
            <p className="text-base font-medium">No active rooms</p>
            <p className="mt-2 text-sm text-zinc-400">
              A room appears here as soon as someone joins it with a token from your app, or when you create one with{' '}
              <code className="rounded bg-zinc-800 px-1">lk room create NAME</code>.
            </p>
            {embedded && (
              <p className="mt-2 text-sm text-zinc-400">
                On the embedded default, <code className="rounded bg-zinc-800 px-1">npm run dev</code> starts a demo crowd in{' '}
                <code className="rounded bg-zinc-800 px-1">demo-event</code>; it should show up within seconds.
              </p>
            )}
          </div>
        ) : (
          <DataTable
            marker="room-table"
            columns={[{ label: 'Room' }, { label: 'Participants', align: 'right' }, { label: 'Publishers', align: 'right' }, { label: 'Started' }, { label: 'Metadata' }]}
            after={
              rooms.isSuccess &&
              visible.length === 0 && <p className="p-6 text-center text-sm text-zinc-400">No room matches “{search}”.</p>
            }
          >
            {visible.map((room) => (
              <tr key={room.sid} data-room={room.name} className="border-t border-zinc-800/70 hover:bg-zinc-900/60">
                <td className="py-2.5 pr-3 pl-4">
                  <Link href={`/rooms/${encodeURIComponent(room.name)}`} className="inline-flex min-h-6 items-center font-medium text-indigo-300 hover:text-indigo-200 pointer-coarse:min-h-11">
                    {room.name}
                  </Link>
                  {room.activeRecording && <span className="ml-2 text-xs text-red-400">● recording</span>}
                </td>
                <td className="py-2.5 pr-3 text-right tabular-nums" data-participant-count>
                  {room.numParticipants}
                  {room.maxParticipants > 0 && <span className="text-zinc-400"> / {room.maxParticipants}</span>}
                </td>
                <td className="py-2.5 pr-3 text-right tabular-nums">{room.numPublishers}</td>
                <td className="py-2.5 pr-3 text-xs text-zinc-400" title={formatDateTime(room.createdAt)}>
                  {relativeTime(room.createdAt, now)}
                </td>
                <td className="max-w-md truncate py-2.5 pr-4 font-mono text-xs text-zinc-400">{metadataSummary(room.metadata) || '—'}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </main>
    </>
  );
}
