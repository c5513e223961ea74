'use client';

import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { CARDS_QUERY, useMediaQuery } from '@/components/use-media-query';
import { useNow } from '@/components/use-now';
import { liveStats } from '@/lib/live/stats';
import type { ParticipantView } from '@/lib/livekit/types';
import type { TimeboxView } from '@/lib/timeboxes/shared';
import { CARD_HEIGHT, ParticipantRow, ROW_HEIGHT, type RowActions } from './participant-row';
import { isTyping } from '@/components/room/shortcuts';

/** The sticky app header and table head above the rows (px): a row scrolled to must clear them. */
const STICKY_ABOVE = 88;

/**
 * Only the rows in view are in the DOM, so a 10,000-person room scrolls like a 20-person one.
 * Rows have a fixed height; their content never wraps. The keyboard's focused row is scrolled into
 * view and given the browser's focus on each keyboard move (`focusRequest`), never on a re-render.
 * Below `lg` the same table is laid out as one card per participant (CSS only: a screen reader
 * still reads a table with its header cells).
 */
export const ParticipantTable = memo(function ParticipantTable({
  rows,
  pending,
  actions,
  selected,
  onToggle,
  onToggleAll,
  canModerate,
  focusedIdentity,
  focusedIndex,
  focusRequest,
  slots,
}: {
  rows: ParticipantView[];
  pending: ReadonlySet<string>;
  actions: RowActions;
  selected: ReadonlySet<string>;
  onToggle: (identity: string) => void;
  onToggleAll: (select: boolean) => void;
  canModerate: boolean;
  focusedIdentity: string | null;
  focusedIndex: number;
  focusRequest: number;
  /** running speaking slots by identity, and the server's clock */
  slots?: { running: ReadonlyMap<string, TimeboxView>; clockOffsetMs: number };
}) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    setScrollMargin(bodyRef.current ? bodyRef.current.getBoundingClientRect().top + window.scrollY : 0);
  }, []);
  const now = useNow(30_000);
  const rowHeight = useMediaQuery(CARDS_QUERY) ? CARD_HEIGHT : ROW_HEIGHT;

  const virtualizer = useWindowVirtualizer({
    count: rows.length,
    estimateSize: () => rowHeight,
    overscan: 3,
    scrollMargin,
    scrollPaddingStart: STICKY_ABOVE,
    getItemKey: (index) => rows[index]!.identity,
  });
  useLayoutEffect(() => virtualizer.measure(), [rowHeight]);
  const items = virtualizer.getVirtualItems();
  const top = items.length > 0 ? items[0]!.start - scrollMargin : 0;
  const bottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)!.end - scrollMargin) : 0;

  const wantsFocus = useRef(false);
  useLayoutEffect(() => {
    if (focusRequest > 0) wantsFocus.current = true;
  }, [focusRequest]);
  // only a keyboard move scrolls: the focused row's index changing under it (a join above it) must not
  useEffect(() => {
    if (focusRequest > 0 && focusedIndex >= 0) virtualizer.scrollToIndex(focusedIndex, { align: 'auto' });
  }, [focusRequest]);
  useLayoutEffect(() => {
    if (!wantsFocus.current) return;
    // the moderator went on to type somewhere: a row turning up late must not take the caret away
    if (isTyping(document.activeElement)) wantsFocus.current = false;
    const row = bodyRef.current?.querySelector<HTMLElement>('tr[data-focused]');
    if (!row || !wantsFocus.current) return;
    wantsFocus.current = false;
    row.focus({ preventScroll: true });
  });

  useEffect(() => {
    const stats = liveStats();
    stats.tableRenders += 1;
    stats.rowCount = rows.length;
  });

  const allSelected = rows.length > 0 && rows.every((row) => selected.has(row.identity));

  return (
    <table className="w-full table-fixed text-left text-sm max-lg:block" data-participant-table data-row-count={rows.length}>
      <colgroup>
        {canModerate && <col className="w-10" />}
        <col className="w-[18%]" />
        <col className="w-28" />
        <col className="w-[15%]" />
        <col />
        <col className="w-[12%]" />
        <col className={canModerate ? 'w-[320px]' : 'w-0'} />
      </colgroup>
      {/* below xl the panel tabs sit between the header and the table head */}
      <thead className="sticky top-[105px] z-10 bg-zinc-900 text-xs tracking-wide text-zinc-300 uppercase max-lg:sr-only xl:top-12">
        <tr>
          {canModerate && (
            <th className="py-2 pl-4">
              <input
                type="checkbox"
                className="size-4"
                aria-label="Select all shown"
                checked={allSelected}
                onChange={(event) => onToggleAll(event.target.checked)}
              />
            </th>
          )}
          <th className="py-2 pr-3 pl-4 font-medium">Participant</th>
          <th className="py-2 pr-3 font-medium">Role · joined</th>
          <th className="py-2 pr-3 font-medium">Tracks</th>
          <th className="py-2 pr-3 font-medium">Metadata</th>
          <th className="py-2 pr-3 font-medium">Attributes</th>
          <th className="py-2 pr-4 text-right font-medium">{canModerate ? 'Actions' : ''}</th>
        </tr>
      </thead>
      <tbody ref={bodyRef} className="max-lg:block">
        {top > 0 && <tr aria-hidden style={{ height: top }} />}
        {items.map((item) => {
          const participant = rows[item.index]!;
          const slot = slots?.running.get(participant.identity);
          return (
            <ParticipantRow
              key={participant.identity}
              participant={participant}
              pending={pending}
              actions={actions}
              now={now}
              selected={selected.has(participant.identity)}
              onToggle={onToggle}
              canModerate={canModerate}
              focused={participant.identity === focusedIdentity}
              timebox={slot?.participantSid === participant.sid ? slot : undefined}
              clockOffsetMs={slot ? slots?.clockOffsetMs : undefined}
              height={rowHeight}
            />
          );
        })}
        {bottom > 0 && <tr aria-hidden style={{ height: bottom }} />}
      </tbody>
    </table>
  );
});
