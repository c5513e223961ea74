'use client';

import { createContext, useContext } from 'react';
import type { UnmuteRequestView } from '@/lib/unmute-requests/shared';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';

export interface UnmuteRequests {
  /** the LiveKit server allows remote unmute (plain Unmute), does not (Ask to unmute), or not known yet */
  remoteUnmute: boolean | null;
  /** each track's latest request, by track sid */
  latest: ReadonlyMap<string, UnmuteRequestView>;
  pending: ReadonlySet<string>;
  ask: (participant: ParticipantView, track: TrackView) => void;
}

export const UnmuteRequestsContext = createContext<UnmuteRequests | null>(null);

export function useUnmuteRequestsOf(): UnmuteRequests | null {
  return useContext(UnmuteRequestsContext);
}

export const askKey = (identity: string, trackSid: string) => `ask-unmute:${identity}:${trackSid}`;

