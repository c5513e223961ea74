'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { handRaisedAt } from '@/lib/live/hand';
import type { ClaimTarget, ClaimView, StoredAlert } from '@/lib/live/teamwork';
import type { ParticipantView } from '@/lib/livekit/types';
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
 * Claims, moderator presence and alerts for one room page. Rows and panels read it from context, so
 * the table and its memoized rows need no new props: only the badges re-render when it changes.
 */
export function TeamworkProvider({
  room,
  canModerate,
  participants,
  children,
}: {
  room: string;
  canModerate: boolean;
  participants: readonly ParticipantView[];
  children: ReactNode;
}) {
  const raisedHands = useMemo(
    () =>
      participants
        .filter((participant) => handRaisedAt(participant.attributes) !== null)
        .map((participant) => participant.identity)
        .sort()
        .join('\n'),
    [participants],
  );
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
