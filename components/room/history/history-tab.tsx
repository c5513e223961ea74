'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { Button } from '@/components/ui/button';
import { readParticipantHistory } from '@/lib/history/actions';
import { unwrap } from '@/lib/actions/result';
import { formatClock, formatDateTime } from '@/lib/format';
import type { HistoryItem } from '@/lib/history/items-shared';
import { queryKeys } from '@/lib/query-keys';

const PAGE_SIZE = 25;

const KIND_STYLES: Record<HistoryItem['kind'], string> = {
  joined: 'bg-emerald-400',
  left: 'bg-zinc-500',
  action: 'bg-indigo-400',
  hand: 'bg-amber-400',
  ban_lifted: 'bg-sky-400',
};

const OUTCOME_STYLES: Record<NonNullable<HistoryItem['outcome']>, string> = {
  ok: 'bg-emerald-950 text-emerald-300',
  error: 'bg-red-950 text-red-300',
  pending: 'bg-amber-950 text-amber-300',
  interrupted: 'bg-amber-950 text-amber-300',
};

/**
 * Everything that happened to this identity in this room, newest first, from the audit log and the
 * joins and leaves LiveKit's webhooks told of; older pages load on demand and never repeat a row.
 * Read afresh each time the tab opens.
 */
export function HistoryTab({ room, identity }: { room: string; identity: string }) {
  const history = useInfiniteQuery({
    queryKey: queryKeys.history(room, identity),
    queryFn: async ({ pageParam }) => unwrap(await readParticipantHistory({ room, identity, before: pageParam, limit: PAGE_SIZE })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.next ?? undefined,
    staleTime: 0,
    gcTime: 0,
  });

  if (history.isPending) return <p className="py-6 text-center text-sm text-zinc-400">Loading the history…</p>;
  if (history.isError) {
    return (
      <p role="alert" className="rounded-md border border-red-900 bg-red-950/50 px-3 py-2 text-sm text-red-200">
        Could not load the history: {history.error.message}
      </p>
    );
  }
  const items = history.data.pages.flatMap((page) => page.items);
  return (
    <div className="max-h-[60vh] overflow-y-auto pr-1" data-history data-history-count={items.length}>
      {items.length === 0 && <p className="py-6 text-center text-sm text-zinc-400">Nothing recorded for {identity} in this room yet.</p>}
      <ol className="relative ml-2 border-l border-zinc-800">
        {items.map((item) => (
          <HistoryEntry key={item.key} item={item} />
        ))}
      </ol>
      <div className="mt-3 flex items-center gap-2">
        {history.hasNextPage && (
          <Button onClick={() => void history.fetchNextPage()} pending={history.isFetchingNextPage}>
            Load older
          </Button>
        )}
        <Button variant="ghost" onClick={() => void history.refetch()} pending={history.isRefetching && !history.isFetchingNextPage}>
          Refresh
        </Button>
        {!history.hasNextPage && items.length > 0 && <span className="text-xs text-zinc-400">That is everything recorded.</span>}
      </div>
    </div>
  );
}

function HistoryEntry({ item }: { item: HistoryItem }) {
  const at = Date.parse(item.at);
  return (
    <li className="mb-3 ml-4" data-history-item={item.key} data-kind={item.kind} data-action={item.action ?? ''} data-outcome={item.outcome ?? ''}>
      <span className={`absolute -left-[5px] mt-1.5 size-2.5 rounded-full ${KIND_STYLES[item.kind]}`} aria-hidden />
      <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
        <time dateTime={item.at} title={formatDateTime(at)} className="font-mono text-xs text-zinc-400">
          {formatClock(at, { seconds: true })}
        </time>
        <span className="font-medium text-zinc-100">{item.title}</span>
        {item.actor && <span className="text-xs text-zinc-400">by {item.actor}</span>}
        {item.outcome && item.outcome !== 'ok' && (
          <span title={item.error} className={`rounded px-1.5 py-0.5 text-[11px] ${OUTCOME_STYLES[item.outcome]}`}>
            {item.outcome}
          </span>
        )}
      </div>
      {item.error && <p className="text-xs text-red-300/80">{item.error}</p>}
      {item.detail && <p className="text-xs break-words text-zinc-400">{item.detail}</p>}
      {item.changes && item.changes.length > 0 && (
        <table className="mt-1 text-[11px] text-zinc-400">
          <tbody>
            {item.changes.map((change) => (
              <tr key={change.field} data-change={change.field}>
                <td className="pr-2 font-mono text-zinc-400">{change.field}</td>
                <td className="max-w-48 truncate pr-1 font-mono line-through decoration-zinc-600" title={change.before}>
                  {change.before}
                </td>
                <td aria-hidden className="pr-1">
                  →
                </td>
                <td className="max-w-48 truncate font-mono text-zinc-200" title={change.after}>
                  {change.after}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
