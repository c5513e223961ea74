'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { useCan } from '@/components/account-context';
import { handRaisedAt } from '@/lib/hands/shared';
import type { ClaimTarget, ClaimView, StoredAlert } from '@/lib/teamwork/shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { queryKeys } from '@/lib/query-keys';
import { useModeratorPresence, type ModeratorPresence } from './use-moderator-presence';
import { useRoomAlerts } from './use-room-alerts';
import { useRoomClaims } from './use-room-claims';

export interface Teamwork {
  room: string;
  canModerate: boolean;
  claims: ClaimView[];
  /** this account's id (claims and presence tell it) */
  you: string | null;
  clockOffsetMs: number;
  claim: (target: ClaimTarget, takeOver?: boolean) => Promise<boolean>;
  release: (target: ClaimTarget) => Promise<boolean>;
  alerts: StoredAlert[];
  alertsByIdentity: ReadonlyMap<string, StoredAlert[]>;
  /** identity → when the hand went up, for hands waiting longer than handWaitMs */
  waitingHands: ReadonlyMap<string, number>;
  handWaitMs: number;
  dismissAlert: (id: number) => Promise<void>;
  presence: ModeratorPresence;
}

const TeamworkContext = createContext<Teamwork | null>(null);

/**
 * Claims, moderator presence and alerts for one room page, around the whole console. Rows and panels
 * read it from context, so the table and its memoized rows need no new props: only the badges
 * re-render when it changes.
 */
export function TeamworkProvider({ room, children }: { room: string; children: ReactNode }) {
  const canModerate = useCan('moderate');
  const raisedHands = useRaisedHands(room);
  const claims = useRoomClaims(room);
  const { alerts, dismiss } = useRoomAlerts(room, raisedHands);
  const presence = useModeratorPresence(room);

  const value = useMemo((): Teamwork => {
    const alertsByIdentity = new Map<string, StoredAlert[]>();
    for (const alert of alerts?.alerts ?? []) alertsByIdentity.set(alert.identity, [...(alertsByIdentity.get(alert.identity) ?? []), alert]);
    return {
      room,
      canModerate,
      claims: claims.snapshot?.claims ?? [],
      you: claims.snapshot?.you ?? presence.you,
      clockOffsetMs: claims.clockOffsetMs,
      claim: claims.claim,
      release: claims.release,
      alerts: alerts?.alerts ?? [],
      alertsByIdentity,
      waitingHands: new Map((alerts?.waitingHands ?? []).map((hand) => [hand.identity, hand.since])),
      handWaitMs: alerts?.handWaitMs ?? 5 * 60_000,
      dismissAlert: dismiss,
      presence,
    };
  }, [room, canModerate, claims, alerts, dismiss, presence]);
  return <TeamworkContext.Provider value={value}>{children}</TeamworkContext.Provider>;
}

/** Null outside a room page (a row rendered by the big-room bench, say): the badges then show nothing. */
export function useTeamwork(): Teamwork | null {
  return useContext(TeamworkContext);
}

/** One key per list of raised hands, computed once per participant list (the cache replaces the array on every change). */
const raisedKeys = new WeakMap<readonly ParticipantView[], string>();

/** The identities with a hand up, as one string that changes only when that set does. */
function useRaisedHands(room: string): string {
  const queryClient = useQueryClient();
  const subscribe = useCallback((onChange: () => void) => queryClient.getQueryCache().subscribe(onChange), [queryClient]);
  const read = useCallback(() => {
    const participants = queryClient.getQueryData<ParticipantView[]>(queryKeys.participants(room));
    if (!participants) return '';
    let key = raisedKeys.get(participants);
    if (key === undefined) {
      key = participants
        .filter((participant) => handRaisedAt(participant.attributes) !== null)
        .map((participant) => participant.identity)
        .sort()
        .join('\n');
      raisedKeys.set(participants, key);
    }
    return key;
  }, [queryClient, room]);
  return useSyncExternalStore(subscribe, read, () => '');
}
