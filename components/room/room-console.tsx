'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useCan } from '@/components/account-context';
import { AppHeader } from '@/components/app-header';
import {
  demoteToAudience,
  listParticipants,
  muteTrack,
  promoteToSpeaker,
  removeParticipant,
  setPermissions,
  unmuteTrack,
  updateAttributes,
  updateMetadata,
  updateName,
} from '@/lib/actions/participants';
import { stageRole } from '@/lib/actions/presets';
import { unwrap } from '@/lib/actions/result';
import { liveStats } from '@/lib/live/stats';
import { OBSERVER_IDENTITY_PREFIX } from '@/lib/live/observer-identity';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';
import { EditParticipantDialog, type EditHandlers } from './edit-participant-dialog';
import { KickDialog } from './kick-dialog';
import { ParticipantRow, trackLabel, type RowActions } from './participant-row';
import { useModeration } from './use-moderation';
import { useRoomObserver } from './use-room-observer';

const displayName = (participant: ParticipantView) => participant.name || participant.identity;

const ROLE_ORDER = { host: 0, speaker: 1, audience: 2, hidden: 3 } as const;

/** Stage first, then the audience in the order they joined: rows do not jump around as events arrive. */
function byStageThenJoin(a: ParticipantView, b: ParticipantView) {
  return (
    ROLE_ORDER[stageRole(a.permission)] - ROLE_ORDER[stageRole(b.permission)] ||
    a.joinedAt - b.joinedAt ||
    a.identity.localeCompare(b.identity)
  );
}

export function RoomConsole({
  room,
  serverUrl,
  maxMetadataBytes,
  initialParticipants,
}: {
  room: string;
  serverUrl: string;
  maxMetadataBytes: number;
  initialParticipants?: ParticipantView[];
}) {
  const participants = useQuery({
    queryKey: queryKeys.participants(room),
    queryFn: async () => {
      liveStats().listFetches += 1;
      return unwrap(await listParticipants({ room }));
    },
    initialData: initialParticipants,
  });
  const observer = useRoomObserver(room, participants.isSuccess);
  const { run, pending } = useModeration(room);
  const canModerate = useCan('moderate');

  const [search, setSearch] = useState('');
  const [showHidden, setShowHidden] = useState(false);
  const [kickIdentity, setKickIdentity] = useState<string | null>(null);
  const [editIdentity, setEditIdentity] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const now = useNow(30_000);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target?.closest('input, textarea, select, [contenteditable="true"]');
      if (event.key === '/' && !typing && !document.querySelector('dialog[open]')) {
        event.preventDefault();
        searchRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const all = participants.data ?? [];
  const visible = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return all
      .filter((participant) => {
      if (participant.identity === observer.identity) return false;
      if (!showHidden && (participant.permission.hidden || participant.identity.startsWith(OBSERVER_IDENTITY_PREFIX))) return false;
      if (!needle) return true;
      return (
        participant.identity.toLowerCase().includes(needle) ||
        participant.name.toLowerCase().includes(needle) ||
        participant.metadata.toLowerCase().includes(needle)
      );
      })
      .sort(byStageThenJoin);
  }, [all, search, showHidden, observer.identity]);

  const counts = useMemo(() => {
    const result = { host: 0, speaker: 0, audience: 0, hidden: 0 };
    for (const participant of all) {
      if (participant.identity !== observer.identity) result[stageRole(participant.permission)] += 1;
    }
    return result;
  }, [all, observer.identity]);

  const byIdentity = (identity: string | null) => (identity ? (all.find((p) => p.identity === identity) ?? null) : null);
  const kickTarget = byIdentity(kickIdentity);
  const editTarget = byIdentity(editIdentity);

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

  const editHandlers: EditHandlers = {
    saveMetadata: (p, metadata) =>
      run({
        key: `edit:${p.identity}`,
        call: () => updateMetadata({ room, identity: p.identity, metadata }),
        success: `Saved ${displayName(p)}'s metadata`,
        failure: `Could not save ${displayName(p)}'s metadata`,
        patch: upsert,
      }),
    saveAttributes: (p, set, remove) =>
      run({
        key: `edit:${p.identity}`,
        call: () => updateAttributes({ room, identity: p.identity, set, remove }),
        success: `Saved ${displayName(p)}'s attributes`,
        failure: `Could not save ${displayName(p)}'s attributes`,
        patch: upsert,
      }),
    saveName: (p, name) =>
      run({
        key: `edit:${p.identity}`,
        call: () => updateName({ room, identity: p.identity, name }),
        success: `Renamed ${p.identity} to ${name}`,
        failure: `Could not rename ${displayName(p)}`,
        patch: upsert,
      }),
    savePermissions: (p, permission) =>
      run({
        key: `edit:${p.identity}`,
        call: () => setPermissions({ room, identity: p.identity, permission }),
        success: `Saved ${displayName(p)}'s permissions`,
        failure: `Could not save ${displayName(p)}'s permissions`,
        patch: upsert,
      }),
  };

  const status = participants.isError ? 'error' : observer.status;
  const notice = participants.isError ? participants.error.message : observer.error;

  return (
    <>
      <AppHeader serverUrl={serverUrl} status={status}>
        <Link href="/" className="hover:text-zinc-100">
          Rooms
        </Link>
        <span aria-hidden>/</span>
        <span className="truncate font-medium text-zinc-100">{room}</span>
      </AppHeader>
      <main className="mx-auto max-w-[1600px] px-4 py-4">
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
          <div className="ml-auto flex items-center gap-3">
            <label className="flex items-center gap-1.5 text-xs text-zinc-400">
              <input type="checkbox" checked={showHidden} onChange={(event) => setShowHidden(event.target.checked)} />
              Show hidden
            </label>
            <div className="relative">
              <input
                ref={searchRef}
                type="search"
                aria-label="Search participants"
                placeholder="Search name, identity, metadata"
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                className="h-8 w-72 rounded-md border border-zinc-700 bg-zinc-900 pr-8 pl-3 text-sm outline-none placeholder:text-zinc-500 focus:ring-2 focus:ring-indigo-500/50"
              />
              <kbd className="absolute top-1.5 right-2 rounded border border-zinc-700 px-1 text-[10px] text-zinc-500">/</kbd>
            </div>
          </div>
        </div>

        {notice && (
          <p role="alert" data-room-notice className="mb-3 rounded-md border border-amber-800 bg-amber-950/60 px-3 py-2 text-sm text-amber-100">
            {notice}
          </p>
        )}

        <div className="overflow-x-auto rounded-lg border border-zinc-800">
          <table className="w-full text-left text-sm" data-participant-table>
            <thead className="sticky top-0 bg-zinc-900 text-xs tracking-wide text-zinc-400 uppercase">
              <tr>
                <th className="py-2 pr-3 pl-4 font-medium">Participant</th>
                <th className="py-2 pr-3 font-medium">Role</th>
                <th className="py-2 pr-3 font-medium">Joined</th>
                <th className="py-2 pr-3 font-medium">Tracks</th>
                <th className="py-2 pr-3 font-medium">Metadata</th>
                <th className="py-2 pr-3 font-medium">Attributes</th>
                <th className="py-2 pr-4 text-right font-medium">{canModerate && 'Actions'}</th>
              </tr>
            </thead>
            <tbody>
              {visible.map((participant) => (
                <ParticipantRow
                  key={participant.identity}
                  participant={participant}
                  pending={pending}
                  actions={canModerate ? actions : null}
                  now={now}
                />
              ))}
            </tbody>
          </table>
          {participants.isPending && <p className="p-6 text-center text-sm text-zinc-400">Loading participants…</p>}
          {participants.isSuccess && visible.length === 0 && (
            <p className="p-6 text-center text-sm text-zinc-400">
              {all.length === 0 ? 'Nobody is in this room right now.' : 'No participant matches this search.'}
            </p>
          )}
        </div>
      </main>
      <KickDialog
        room={room}
        participant={kickTarget}
        pending={kickTarget ? pending.has(`kick:${kickTarget.identity}`) : false}
        onConfirm={(p) => void confirmKick(p)}
        onClose={() => setKickIdentity(null)}
      />
      <EditParticipantDialog
        participant={editTarget}
        maxMetadataBytes={maxMetadataBytes}
        handlers={editHandlers}
        onClose={() => setEditIdentity(null)}
      />
    </>
  );
}

function useNow(intervalMs: number) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
