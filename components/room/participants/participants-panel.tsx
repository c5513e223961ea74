'use client';

import type { RefObject } from 'react';
import type { ParticipantFilter } from '@/lib/participants/filter-shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { BulkBar } from '@/components/room/bulk/bulk-actions';
import type { RowActions } from './participant-row';
import { ParticipantTable } from './participant-table';
import type { TimeboxView } from '@/lib/timeboxes/shared';
import { RoomToolbar } from './room-toolbar';
import type { BulkOperations } from '@/components/room/bulk/use-bulk-operations';
import type { RowFocus } from './use-row-focus';
import type { Selection } from '@/components/room/bulk/use-selection';

/** The main column: search and filters, the bulk bar, and the participant table. */
export function ParticipantsPanel({
  rows,
  total,
  listable,
  loading,
  loaded,
  filter,
  onFilterChange,
  searchRef,
  selection,
  bulk,
  pending,
  actions,
  canModerate,
  focus,
  slots,
}: {
  rows: ParticipantView[];
  /** everyone in the room, to tell an empty room from a filter that matches nobody */
  total: number;
  listable: number;
  loading: boolean;
  loaded: boolean;
  filter: ParticipantFilter;
  onFilterChange: (filter: ParticipantFilter) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  selection: Selection;
  bulk: BulkOperations;
  pending: ReadonlySet<string>;
  actions: RowActions;
  canModerate: boolean;
  focus: RowFocus;
  slots?: { running: ReadonlyMap<string, TimeboxView>; clockOffsetMs: number };
}) {
  return (
    <>
      <RoomToolbar filter={filter} onChange={onFilterChange} searchRef={searchRef} shown={rows.length} total={listable} />
      {canModerate && (
        <div className="mb-2">
          <BulkBar
            operations={bulk.operations}
            selectedCount={selection.selected.size}
            onClearSelection={selection.clear}
            busy={bulk.busy}
            onStart={bulk.request}
          />
        </div>
      )}
      <p role="status" aria-live="polite" className="sr-only" data-focus-announcement>
        {focus.announcement}
      </p>
      {canModerate && rows.length > 0 && (
        // the cards below lg have no table head: its Select all shown moves here
        <label className="mb-2 flex h-11 items-center gap-2 text-sm text-zinc-300 lg:hidden">
          <input
            type="checkbox"
            className="size-5"
            checked={rows.every((row) => selection.selected.has(row.identity))}
            onChange={(event) => selection.toggleAll(event.target.checked)}
          />
          Select all {rows.length} shown
        </label>
      )}
      <div className="rounded-lg border border-zinc-800">
        <ParticipantTable
          rows={rows}
          pending={pending}
          actions={actions}
          selected={selection.selected}
          onToggle={selection.toggle}
          onToggleAll={selection.toggleAll}
          canModerate={canModerate}
          focusedIdentity={focus.participant?.identity ?? null}
          focusedIndex={focus.index}
          focusRequest={focus.request}
          slots={slots}
        />
        {loading && <p className="p-6 text-center text-sm text-zinc-400">Loading participants…</p>}
        {loaded && rows.length === 0 && (
          <p className="p-6 text-center text-sm text-zinc-400">
            {total === 0 ? 'Nobody is in this room right now.' : 'No participant matches these filters.'}
          </p>
        )}
      </div>
    </>
  );
}
