'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import { useToast } from '@/components/ui/toaster';
import { claimTarget, listClaims, releaseClaim } from '@/lib/teamwork/claims-actions';
import { unwrap } from '@/lib/actions/result';
import type { ClaimTarget, ClaimsSnapshot } from '@/lib/teamwork/shared';
import { queryKeys } from '@/lib/query-keys';
import { useRoomSignal } from '@/components/room/use-room-signal';

/** A safety net: pushes carry every change, this catches one lost while the stream was reconnecting. */
const POLL_MS = 30_000;

export interface RoomClaims {
  snapshot: ClaimsSnapshot | undefined;
  /** add to Date.now() for the database's clock */
  clockOffsetMs: number;
  claim: (target: ClaimTarget, takeOver?: boolean) => Promise<boolean>;
  release: (target: ClaimTarget) => Promise<boolean>;
}

/**
 * The room's claims, as the database holds them: re-read when any replica pushes `claims_changed`,
 * when the earliest claim expires, and every 30 s.
 */
export function useRoomClaims(room: string): RoomClaims {
  const queryClient = useQueryClient();
  const toast = useToast();
  const key = queryKeys.claims(room);
  const query = useQuery({
    queryKey: key,
    queryFn: async () => ({ ...unwrap(await listClaims({ room })), readAt: Date.now() }),
    refetchInterval: POLL_MS,
  });
  const refresh = useCallback(() => void queryClient.invalidateQueries({ queryKey: queryKeys.claims(room), exact: true }), [queryClient, room]);
  useRoomSignal(room, 'claims_changed', refresh);

  const data = query.data;
  const clockOffsetMs = data ? data.serverNow - data.readAt : 0;
  useEffect(() => {
    if (!data || data.claims.length === 0) return;
    const firstExpiry = Math.min(...data.claims.map((claim) => claim.expiresAt));
    const timer = setTimeout(refresh, Math.max(0, firstExpiry - data.serverNow) + 100);
    return () => clearTimeout(timer);
  }, [data, refresh]);

  const claim = useCallback(
    async (target: ClaimTarget, takeOver = false) => {
      const result = await claimTarget({ ...target, takeOver }).catch((error: unknown) => ({
        ok: false as const,
        error: { message: `The dashboard server did not answer (${(error as Error).message})` },
      }));
      refresh();
      if (!result.ok) toast({ kind: 'error', title: 'Could not claim', description: result.error.message });
      return result.ok;
    },
    [refresh, toast],
  );
  const release = useCallback(
    async (target: ClaimTarget) => {
      const result = await releaseClaim(target).catch((error: unknown) => ({
        ok: false as const,
        error: { message: `The dashboard server did not answer (${(error as Error).message})` },
      }));
      refresh();
      if (!result.ok) toast({ kind: 'error', title: 'Could not release the claim', description: result.error.message });
      return result.ok;
    },
    [refresh, toast],
  );
  return useMemo(() => ({ snapshot: data, clockOffsetMs, claim, release }), [data, clockOffsetMs, claim, release]);
}
