'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import type { RoleCounts } from './participants/use-participant-rows';

/** The room's name, who is where, and the room-wide buttons. */
export function RoomHeading({
  room,
  counts,
  present,
  canModerate,
  canAdmin,
  onNoticeToEveryone,
  onEditMetadata,
  onDelete,
  onShowShortcuts,
  incidentButton,
}: {
  room: string;
  counts: RoleCounts;
  present: number;
  canModerate: boolean;
  canAdmin: boolean;
  onNoticeToEveryone: () => void;
  onEditMetadata: () => void;
  onDelete: () => void;
  onShowShortcuts: () => void;
  incidentButton?: ReactNode;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-center gap-3">
      <h1 className="min-w-0 text-lg font-semibold break-all">{room}</h1>
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
      <div className="flex flex-wrap gap-2 sm:ml-auto">
        {/* shortcuts need a keyboard: not offered on a phone */}
        <Button variant="ghost" className="max-sm:hidden" onClick={onShowShortcuts} aria-keyshortcuts="?">
          Shortcuts <kbd className="ml-1 rounded border border-zinc-700 px-1 text-[10px] text-zinc-400">?</kbd>
        </Button>
        {incidentButton}
        {canModerate && (
          <Button onClick={onNoticeToEveryone} disabled={present === 0}>
            Notice to everyone
          </Button>
        )}
        {canAdmin && (
          <>
            <Button onClick={onEditMetadata}>Room metadata</Button>
            <Button variant="danger" onClick={onDelete}>
              Delete room
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
