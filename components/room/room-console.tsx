'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useDeferredValue, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useCan } from '@/components/account-context';
import { AppHeader } from '@/components/app-header';
import { useNow } from '@/components/use-now';
import { DeleteRoomDialog, RoomMetadataDialog } from '@/components/rooms/room-admin-dialogs';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toaster';
import { banParticipant } from '@/lib/actions/bans';
import { demoteAllSpeakers, lowerAllHands, muteAllButHosts, removeParticipants } from '@/lib/actions/bulk';
import {
  demoteToAudience,
  listParticipants,
  muteTrack,
  promoteToSpeaker,
  removeParticipant,
  unmuteTrack,
} from '@/lib/actions/participants';
import { stageRole } from '@/lib/actions/presets';
import { unwrap } from '@/lib/actions/result';
import { deleteRoom, updateRoomMetadata } from '@/lib/actions/room-admin';
import { getRoom } from '@/lib/actions/rooms';
import { approveHand, dismissHand, sendNotice } from '@/lib/actions/stage';
import { handRaisedAt } from '@/lib/live/hand';
import {
  arrangeParticipants,
  isObserver,
  NO_FILTER,
  searchParticipants,
  type ParticipantFilter,
} from '@/lib/live/participant-filter';
import { installBenchHooks } from '@/lib/live/bench-hooks';
import { liveStats } from '@/lib/live/stats';
import type { ParticipantView, RoomView, TrackView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';
import { BulkBar, BulkConfirmDialog, BulkProgressDialog, useBulkRunner, type BulkOperation } from './bulk-actions';
import { EditParticipantDialog } from './edit-participant-dialog';
import { HandQueue } from './hand-queue';
import { KickDialog } from './kick-dialog';
import { NoticeDialog } from './notice-dialog';
import { trackLabel, type RowActions } from './participant-row';
import { ParticipantTable } from './participant-table';
import { RoomToolbar } from './room-toolbar';
import { useEditHandlers } from './use-edit-handlers';
import { useHandQueue } from './use-hand-queue';
import { useModeration } from './use-moderation';
import type { RoomObserver } from './use-room-observer';

const LiveObserver = dynamic(() => import('./live-observer'), { ssr: false });

const displayName = (participant: ParticipantView) => participant.name || participant.identity;

export function RoomConsole({
  room,
  serverUrl,
  maxMetadataBytes,
  initialParticipants,
  initialRoom,
}: {
  room: string;
  serverUrl: string;
  maxMetadataBytes: number;
  initialParticipants?: ParticipantView[];
  initialRoom?: RoomView;
}) {
  const canModerate = useCan('moderate');
  const canAdmin = useCan('admin');
  const queryClient = useQueryClient();
  const router = useRouter();
  const toast = useToast();
  const participants = useQuery({
    queryKey: queryKeys.participants(room),
    queryFn: async () => {
      liveStats().listFetches += 1;
      return unwrap(await listParticipants({ room }));
    },
    initialData: initialParticipants,
    // patches keep unchanged rows as the same objects already; react-query's deep compare of
    // 10,000 rows on every cache write would cost more than the render it saves
    structuralSharing: false,
  });
  const roomInfo = useQuery({
    queryKey: queryKeys.room(room),
    queryFn: async () => unwrap(await getRoom({ room })),
    initialData: initialRoom,
    staleTime: 10_000,
  });
  const [observer, setObserver] = useState<RoomObserver>({ status: 'connecting', error: null, identity: null });
  const { run, pending } = useModeration(room);
  const bulk = useBulkRunner();

  const [filter, setFilter] = useState<ParticipantFilter>(NO_FILTER);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [kickIdentity, setKickIdentity] = useState<string | null>(null);
  const [editIdentity, setEditIdentity] = useState<string | null>(null);
  const [noticeTarget, setNoticeTarget] = useState<string | null | undefined>(undefined);
  const [confirmBulk, setConfirmBulk] = useState<BulkOperation | null>(null);
  const [roomDialog, setRoomDialog] = useState<'metadata' | 'delete' | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const now = useNow(30_000);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = (event.target as HTMLElement | null)?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !typing && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // a bench build (STAGEKEEPER_BENCH_HOOKS=1) feeds synthetic rooms through the same cache and patching code
  useEffect(() => installBenchHooks(queryClient, queryKeys.participants(room)), [queryClient, room]);

  const all = useMemo(() => participants.data ?? [], [participants.data]);
  const { search, role, handRaised, publishing, muted, showHidden, sort } = filter;
  const arranged = useMemo(
    () => arrangeParticipants(all, { role, handRaised, publishing, muted, showHidden, sort }, observer.identity),
    [all, role, handRaised, publishing, muted, showHidden, sort, observer.identity],
  );
  // typing stays instant: the input commits first, the 10,000-row search follows in an interruptible render
  const shownSearch = useDeferredValue(search);
  const rows = useMemo(() => searchParticipants(arranged, shownSearch), [arranged, shownSearch]);
  useLayoutEffect(() => {
    liveStats().shownSearch = shownSearch;
  }, [shownSearch]);
  const queue = useHandQueue(room, all);
  const listable = useMemo(
    () => all.filter((p) => p.identity !== observer.identity && (filter.showHidden || !isObserver(p))).length,
    [all, observer.identity, filter.showHidden],
  );
  const present = useMemo(() => all.filter((p) => !isObserver(p)).length, [all]);
  const counts = useMemo(() => {
    const result = { host: 0, speaker: 0, audience: 0, hidden: 0 };
    for (const participant of all) {
      if (participant.identity !== observer.identity) result[stageRole(participant.permission)] += 1;
    }
    return result;
  }, [all, observer.identity]);

  const byIdentity = (identity: string | null | undefined) => (identity ? (all.find((p) => p.identity === identity) ?? null) : null);
  const kickTarget = byIdentity(kickIdentity);
  const editTarget = byIdentity(editIdentity);
  const noticeParticipant = noticeTarget === undefined ? undefined : noticeTarget === null ? null : byIdentity(noticeTarget);

  const upsert = (participant: ParticipantView) => ({ type: 'upsert', participant }) as const;
  const actions: RowActions = useMemo(
    () => ({
      promote: (p) =>
        void run({
          key: `stage:${p.identity}`,
          call: () => promoteToSpeaker({ room, identity: p.identity }),
          success: `${displayName(p)} is now a speaker`,
          failure: `Could not promote ${displayName(p)}`,
          patch: upsert,
        }),
      demote: (p) =>
        void run({
          key: `stage:${p.identity}`,
          call: () => demoteToAudience({ room, identity: p.identity }),
          success: `${displayName(p)} moved to the audience`,
          failure: `Could not demote ${displayName(p)}`,
          patch: upsert,
        }),
      setMuted: (p: ParticipantView, track: TrackView, muted: boolean) =>
        void run({
          key: `mute:${p.identity}:${track.sid}`,
          call: () => (muted ? muteTrack : unmuteTrack)({ room, identity: p.identity, trackSid: track.sid }),
          success: `${muted ? 'Muted' : 'Unmuted'} ${displayName(p)}'s ${trackLabel(track)}`,
          failure: `Could not ${muted ? 'mute' : 'unmute'} ${displayName(p)}'s ${trackLabel(track)}`,
          patch: (updated) => ({ type: 'track', identity: p.identity, track: { ...track, ...updated } }),
        }),
      notify: (p) => setNoticeTarget(p.identity),
      kick: (p) => setKickIdentity(p.identity),
      edit: (p) => setEditIdentity(p.identity),
    }),
    [room, run],
  );

  const confirmKick = useCallback(
    async (p: ParticipantView) => {
      const ok = await run({
        key: `kick:${p.identity}`,
        call: () => removeParticipant({ room, identity: p.identity }),
        success: `Kicked ${displayName(p)}`,
        failure: `Could not kick ${displayName(p)}`,
        patch: () => ({ type: 'remove', identity: p.identity }),
      });
      if (ok) setKickIdentity(null);
    },
    [room, run],
  );

  const editHandlers = useEditHandlers(room, run);

  const approve = useCallback(
    (p: ParticipantView) =>
      void run({
      key: `hand:${p.identity}`,
      call: () => approveHand({ room, identity: p.identity }),
      success: `${displayName(p)} is on stage`,
      failure: `Could not bring ${displayName(p)} on stage`,
      patch: upsert,
      }),
    [room, run],
  );
  const dismiss = useCallback(
    (p: ParticipantView) =>
      void run({
      key: `hand:${p.identity}`,
      call: () => dismissHand({ room, identity: p.identity }),
      success: `Lowered ${displayName(p)}'s hand`,
      failure: `Could not lower ${displayName(p)}'s hand`,
      patch: upsert,
      }),
    [room, run],
  );

  const sendNoticeTo = (target: ParticipantView | null, text: string) =>
    run({
      key: 'notice',
      call: () => sendNotice({ room, text, ...(target && { identity: target.identity }) }),
      success: target ? `Notice sent to ${displayName(target)}` : `Notice sent to everyone in ${room}`,
      failure: 'Could not send the notice',
    });

  const bulkOperations: BulkOperation[] = useMemo(() => {
    const scope = selected.size > 0 ? rows.filter((p) => selected.has(p.identity)) : rows;
    const mute: string[] = [];
    const demote: string[] = [];
    const hands: string[] = [];
    for (const p of scope) {
      const role = stageRole(p.permission);
      if (role !== 'host' && p.tracks.some((track) => !track.muted)) mute.push(p.identity);
      if (role === 'speaker') demote.push(p.identity);
      if (handRaisedAt(p.attributes) !== null) hands.push(p.identity);
    }
    return [
      { id: 'mute', label: 'Mute all but hosts', identities: mute, call: (identities) => muteAllButHosts({ room, identities }) },
      {
        id: 'demote',
        label: 'Move speakers to audience',
        identities: demote,
        call: (identities) => demoteAllSpeakers({ room, identities }),
      },
      { id: 'hands', label: 'Lower hands', identities: hands, call: (identities) => lowerAllHands({ room, identities }) },
      {
        id: 'remove',
        label: 'Remove selected',
        identities: selected.size > 0 ? scope.map((p) => p.identity) : [],
        call: (identities) => removeParticipants({ room, identities }),
        confirm: `Disconnect the ${selected.size} selected participant(s) from ${room}? Their tokens stay valid.`,
      },
    ];
  }, [rows, selected, room]);
  const startBulk = async (operation: BulkOperation) => {
    setConfirmBulk(null);
    await bulk.start(operation);
    if (operation.id === 'remove') setSelected(new Set());
  };

  const lowerQueuedHands = useCallback(
    () =>
      void bulk.start({
        id: 'hands',
        label: 'Lower hands',
        identities: queue.map((entry) => entry.participant.identity),
        call: (identities) => lowerAllHands({ room, identities }),
      }),
    [bulk.start, queue, room],
  );

  const toggle = useCallback(
    (identity: string) =>
      setSelected((current) => {
        const next = new Set(current);
        if (!next.delete(identity)) next.add(identity);
        return next;
      }),
    [],
  );

  const toggleAll = useCallback(
    (select: boolean) => setSelected(select ? new Set(rows.map((p) => p.identity)) : new Set()),
    [rows],
  );

  const status = participants.isError ? 'error' : observer.status;
  const notice = participants.isError ? participants.error.message : observer.error;

  return (
    <>
      {participants.isSuccess && <LiveObserver room={room} onChange={setObserver} />}
      <AppHeader serverUrl={serverUrl} status={status}>
        <Link href="/" className="hover:text-zinc-100">
          Rooms
        </Link>
        <span aria-hidden>/</span>
        <span className="truncate font-medium text-zinc-100">{room}</span>
      </AppHeader>
      <main className="mx-auto max-w-[1800px] px-4 py-4">
        <div className="mb-3 flex flex-wrap items-center gap-3">
          <h1 className="text-lg font-semibold">{room}</h1>
          <div className="flex gap-2 text-xs text-zinc-400" data-role-counts>
            <span>{counts.host + counts.speaker} on stage</span>
            <span aria-hidden>·</span>
            <span>{counts.audience} in the audience</span>
            {counts.hidden > 0 && (
              <>
                <span aria-hidden>·</span>
                <span>{counts.hidden} hidden</span>
              </>
            )}
          </div>
          <div className="ml-auto flex gap-2">
            {canModerate && (
              <Button onClick={() => setNoticeTarget(null)} disabled={present === 0}>
                Notice to everyone
              </Button>
            )}
            {canAdmin && (
              <>
                <Button onClick={() => setRoomDialog('metadata')}>Room metadata</Button>
                <Button variant="danger" onClick={() => setRoomDialog('delete')}>
                  Delete room
                </Button>
              </>
            )}
          </div>
        </div>

        {notice && (
          <p role="alert" data-room-notice className="mb-3 rounded-md border border-amber-800 bg-amber-950/60 px-3 py-2 text-sm text-amber-100">
            {notice}
          </p>
        )}

        <div className="flex items-start gap-4">
          <div className="min-w-0 flex-1">
            <RoomToolbar filter={filter} onChange={setFilter} searchRef={searchRef} shown={rows.length} total={listable} />
            {canModerate && (
              <div className="mb-2">
                <BulkBar
                  operations={bulkOperations}
                  selectedCount={selected.size}
                  onClearSelection={() => setSelected(new Set())}
                  busy={bulk.run !== null && !bulk.run.finished}
                  onStart={(operation) => (operation.confirm ? setConfirmBulk(operation) : void startBulk(operation))}
                />
              </div>
            )}
            <div className="rounded-lg border border-zinc-800">
              <ParticipantTable
                rows={rows}
                pending={pending}
                actions={actions}
                selected={selected}
                onToggle={toggle}
                onToggleAll={toggleAll}
                canModerate={canModerate}
              />
              {participants.isPending && <p className="p-6 text-center text-sm text-zinc-400">Loading participants…</p>}
              {participants.isSuccess && rows.length === 0 && (
                <p className="p-6 text-center text-sm text-zinc-400">
                  {all.length === 0 ? 'Nobody is in this room right now.' : 'No participant matches these filters.'}
                </p>
              )}
            </div>
          </div>
          <aside className="sticky top-16 hidden w-72 shrink-0 xl:block">
            <HandQueue
              queue={queue}
              pending={pending}
              now={now}
              canModerate={canModerate}
              onApprove={approve}
              onDismiss={dismiss}
              onLowerAll={lowerQueuedHands}
            />
          </aside>
        </div>
      </main>
      <KickDialog
        room={room}
        participant={kickTarget}
        pending={kickTarget ? pending.has(`kick:${kickTarget.identity}`) : false}
        onConfirm={(p) => void confirmKick(p)}
        onBan={(p, ban) =>
          void run({
            key: `kick:${p.identity}`,
            call: () => banParticipant({ room, identity: p.identity, ...ban }),
            success: `Banned ${displayName(p)}`,
            failure: `Could not ban ${displayName(p)}`,
            patch: () => ({ type: 'remove', identity: p.identity }),
          }).then((ok) => ok && setKickIdentity(null))
        }
        onClose={() => setKickIdentity(null)}
      />
      <EditParticipantDialog
        participant={editTarget}
        maxMetadataBytes={maxMetadataBytes}
        handlers={editHandlers}
        onClose={() => setEditIdentity(null)}
      />
      <NoticeDialog room={room} target={noticeParticipant} onSend={sendNoticeTo} onClose={() => setNoticeTarget(undefined)} />
      <BulkConfirmDialog operation={confirmBulk} onConfirm={(operation) => void startBulk(operation)} onClose={() => setConfirmBulk(null)} />
      <BulkProgressDialog run={bulk.run} onClose={bulk.clear} />
      {roomDialog === 'metadata' && (
        <RoomMetadataDialog
          room={room}
          metadata={roomInfo.data?.metadata ?? ''}
          open
          onClose={() => setRoomDialog(null)}
          onSave={async (metadata) => {
            const result = await updateRoomMetadata({ room, metadata });
            if (!result.ok) {
              toast({ kind: 'error', title: 'Could not save the room metadata', description: result.error.message });
              return false;
            }
            queryClient.setQueryData(queryKeys.room(room), result.data);
            toast({ kind: 'success', title: `Saved the metadata of ${room}` });
            return true;
          }}
        />
      )}
      <DeleteRoomDialog
        room={room}
        participantCount={present}
        open={roomDialog === 'delete'}
        onClose={() => setRoomDialog(null)}
        onDelete={async () => {
          const result = await deleteRoom({ room });
          if (!result.ok) {
            toast({ kind: 'error', title: `Could not delete ${room}`, description: result.error.message });
            return false;
          }
          toast({ kind: 'success', title: `Deleted ${room}` });
          router.push('/');
          return true;
        }}
      />
    </>
  );
}
