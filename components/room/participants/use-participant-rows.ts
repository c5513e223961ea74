'use client';

import { useDeferredValue, useLayoutEffect, useMemo, useState } from 'react';
import { stageRole } from '@/lib/presets/shared';
import {
  arrangeParticipants,
  isObserver,
  NO_FILTER,
  searchParticipants,
  type ParticipantFilter,
} from '@/lib/participants/filter-shared';
import { liveStats } from '@/lib/live/stats';
import type { ParticipantView } from '@/lib/livekit/types';

export type RoleCounts = Record<'host' | 'speaker' | 'audience' | 'hidden', number>;

/** The toolbar's filter and what it leaves: the table's rows, and the counts the heading and toolbar show. */
export function useParticipantRows(all: readonly ParticipantView[], observerIdentity: string | null) {
  const [filter, setFilter] = useState<ParticipantFilter>(NO_FILTER);
  const { search, role, handRaised, publishing, muted, showHidden, sort } = filter;
  const arranged = useMemo(
    () => arrangeParticipants(all, { role, handRaised, publishing, muted, showHidden, sort }, observerIdentity),
    [all, role, handRaised, publishing, muted, showHidden, sort, observerIdentity],
  );
  // typing stays instant: the input commits first, the 10,000-row search follows in an interruptible render
  const shownSearch = useDeferredValue(search);
  const rows = useMemo(() => searchParticipants(arranged, shownSearch), [arranged, shownSearch]);
  useLayoutEffect(() => {
    liveStats().shownSearch = shownSearch;
  }, [shownSearch]);

  /** everyone the table could list with this "show hidden" choice */
  const listable = useMemo(
    () => all.filter((p) => p.identity !== observerIdentity && (showHidden || !isObserver(p))).length,
    [all, observerIdentity, showHidden],
  );
  /** everyone in the room but observers (dashboards, recorders) */
  const present = useMemo(() => all.filter((p) => !isObserver(p)).length, [all]);
  const counts = useMemo(() => {
    const result: RoleCounts = { host: 0, speaker: 0, audience: 0, hidden: 0 };
    for (const participant of all) {
      if (participant.identity !== observerIdentity) result[stageRole(participant.permission)] += 1;
    }
    return result;
  }, [all, observerIdentity]);

  return { filter, setFilter, rows, listable, present, counts };
}
