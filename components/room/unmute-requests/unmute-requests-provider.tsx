'use client';

import type { ReactNode } from 'react';
import { UnmuteRequestsContext } from './unmute-requests-context';
import { useUnmuteRequests } from './use-unmute-requests';

/** Gives the rows below it the room's unmute requests and "Ask to unmute"; rows read it from context. */
export function UnmuteRequestsProvider({ room, canModerate, children }: { room: string; canModerate: boolean; children: ReactNode }) {
  const requests = useUnmuteRequests(room, canModerate);
  return <UnmuteRequestsContext value={requests}>{children}</UnmuteRequestsContext>;
}
