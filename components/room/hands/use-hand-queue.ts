'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { recordHands } from '@/lib/hands/actions';
import { useCan } from '@/components/account-context';
import { HAND_ATTRIBUTE, handRaisedAt } from '@/lib/hands/shared';
import { handQueue, type HandInQueue } from '@/lib/participants/filter-shared';
import type { ParticipantView } from '@/lib/livekit/types';

interface Seen {
  value: string;
  at: number;
}

/**
 * The raise-hand queue in the order the dashboard first saw the hands go up. New hands (and hands
 * lowered since) are reported to the server, which answers each hand's first-seen time by the
 * database's clock, so every moderator's tab shows one order. Until it answers, or if it cannot, and
 * on a viewer's page (which may not report), this tab's own first sight stands in.
 */
export function useHandQueue(room: string, participants: readonly ParticipantView[]): HandInQueue[] {
  const canReport = useCan('moderate');
  const raised = useMemo(() => {
    const hands = new Map<string, string>();
    for (const participant of participants) {
      if (handRaisedAt(participant.attributes) !== null) hands.set(participant.identity, participant.attributes[HAND_ATTRIBUTE]!);
    }
    return hands;
  }, [participants]);

  const [server, setServer] = useState<ReadonlyMap<string, Seen>>(new Map());
  const local = useRef(new Map<string, Seen>());
  const latest = useRef(raised);
  latest.current = raised;
  for (const identity of local.current.keys()) if (!raised.has(identity)) local.current.delete(identity);
  for (const [identity, value] of raised) {
    if (local.current.get(identity)?.value !== value) local.current.set(identity, { value, at: Date.now() });
  }

  // one report in flight per room; changes meanwhile go in the next one
  const reporter = useMemo(() => {
    const reported = new Map<string, string>();
    let inFlight = false;
    let again = false;
    let stopped = false;
    const report = async (): Promise<void> => {
      if (inFlight) {
        again = true;
        return;
      }
      const hands = latest.current;
      const changed = [...hands].filter(([identity, value]) => reported.get(identity) !== value);
      const lowered = [...reported].filter(([identity]) => !hands.has(identity)).map(([identity, value]) => ({ identity, value }));
      if (changed.length === 0 && lowered.length === 0) return;
      inFlight = true;
      try {
        const result = await recordHands({ room, raised: changed.map(([identity, value]) => ({ identity, value })), lowered });
        if (!result.ok || stopped) return;
        for (const [identity, value] of changed) reported.set(identity, value);
        for (const { identity } of lowered) reported.delete(identity);
        setServer((current) => {
          const next = new Map(current);
          for (const { identity } of lowered) next.delete(identity);
          for (const hand of result.data) next.set(hand.identity, { value: hand.value, at: hand.firstSeenAt });
          return next;
        });
      } catch {
        // the server did not answer: this tab's own first sight orders the queue until it does
      } finally {
        inFlight = false;
        if (again && !stopped) {
          again = false;
          void report();
        }
      }
    };
    return {
      report,
      start: () => {
        stopped = false;
      },
      stop: () => {
        stopped = true;
      },
    };
  }, [room]);
  useEffect(() => {
    reporter.start();
    return reporter.stop;
  }, [reporter]);
  useEffect(() => {
    if (canReport) void reporter.report();
  }, [reporter, raised, canReport]);

  return useMemo(
    () =>
      handQueue(participants, (identity, value) => {
        const confirmed = server.get(identity);
        if (confirmed?.value === value) return confirmed.at;
        return local.current.get(identity)?.value === value ? local.current.get(identity)!.at : undefined;
      }),
    [participants, server],
  );
}
