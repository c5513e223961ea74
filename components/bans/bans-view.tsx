'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '@/components/account-context';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toaster';
import { liftBan, listBans } from '@/lib/bans/actions';
import type { BanView } from '@/lib/bans/shared';
import { unwrap } from '@/lib/actions/result';
import { queryKeys } from '@/lib/query-keys';
import { PendingEjections } from './pending-ejections';
import { formatDateTime } from '@/lib/format';

/** While an eject is pending the page follows its retries; otherwise the list changes only when someone bans. */
const PENDING_REFRESH_MS = 2_000;
const REFRESH_MS = 30_000;

export function BansView({ initialBans, loadError }: { initialBans: BanView[]; loadError: string | null }) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.bans(),
    queryFn: async () => unwrap(await listBans()),
    initialData: initialBans,
    refetchInterval: ({ state }) =>
      state.data?.some((ban) => ban.pendingEjections.length > 0) ? PENDING_REFRESH_MS : REFRESH_MS,
  });
  const bans = query.data;
  const [lifting, setLifting] = useState<number | null>(null);
  const canModerate = useCan('moderate');
  const toast = useToast();

  const lift = async (ban: BanView) => {
    setLifting(ban.id);
    const result = await liftBan({ id: ban.id });
    setLifting(null);
    if (!result.ok) {
      toast({ kind: 'error', title: `Could not lift the ban on ${ban.identity}`, description: result.error.message });
      return;
    }
    // a refetch already in flight (every 2 s while an eject is pending) must not bring the lifted ban back
    await queryClient.cancelQueries({ queryKey: queryKeys.bans() });
    queryClient.setQueryData<BanView[]>(queryKeys.bans(), (current) => current?.filter((other) => other.id !== ban.id));
    toast({ kind: 'success', title: `Lifted the ban on ${ban.identity}` });
  };

  return (
    <>
      <div className="mb-3 flex items-baseline gap-3">
        <h1 className="text-lg font-semibold">Active bans</h1>
        <span className="text-xs text-zinc-400">{bans.length}</span>
      </div>
      <p className="mb-3 max-w-3xl text-sm text-zinc-400">
        LiveKit leaves a removed participant&apos;s token valid, so Stagekeeper keeps them out itself: the token endpoint
        refuses a banned identity, one that rejoins with an older token is removed as it joins, and a sweep every 30 s
        removes any that got in while no dashboard was running. A failed eject is retried until it succeeds.
      </p>
      {(loadError ?? query.error) && (
        <p role="alert" className="mb-3 rounded-md border border-red-800 bg-red-950/60 px-3 py-2 text-sm text-red-100">
          {loadError ?? query.error?.message}
        </p>
      )}
      {bans.length === 0 ? (
        <p className="rounded-lg border border-dashed border-zinc-700 p-8 text-center text-sm text-zinc-400">
          Nobody is banned. Ban someone from the Kick dialog of a room.
        </p>
      ) : (
        <DataTable
          marker="ban-table"
          columns={[{ label: 'Identity' }, { label: 'Where' }, { label: 'Reason' }, { label: 'Until' }, { label: 'By' }, { label: '' }]}
        >
          {bans.map((ban) => (
            <tr key={ban.id} data-ban={ban.identity} className="border-t border-zinc-800/70">
              <td className="py-2 pr-3 pl-4">
                <span className="font-mono">{ban.identity}</span>
                <PendingEjections pending={ban.pendingEjections} />
              </td>
              <td className="py-2 pr-3">{ban.room ?? <span className="text-amber-300">every room</span>}</td>
              <td className="py-2 pr-3 text-zinc-300">{ban.reason || <span className="text-zinc-400">—</span>}</td>
              <td className="py-2 pr-3 text-xs text-zinc-400">
                {ban.expiresAt ? formatDateTime(ban.expiresAt) : 'lifted by hand'}
              </td>
              <td className="py-2 pr-3 text-xs text-zinc-400">
                {ban.createdBy ?? '—'} · {formatDateTime(ban.createdAt)}
              </td>
              <td className="py-2 pr-4 text-right">
                {canModerate && (
                  <Button pending={lifting === ban.id} onClick={() => void lift(ban)} aria-label={`Lift the ban on ${ban.identity}`}>
                    Lift
                  </Button>
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}
