'use client';

import { memo } from 'react';
import { Button } from '@/components/ui/button';
import { formatDateTime, relativeTime } from '@/lib/format';
import type { HandInQueue } from '@/lib/participants/filter-shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { HandTeamwork } from '@/components/room/teamwork/row-teamwork-badges';

/** The queue is served from the top; a long tail would cost a thousand DOM nodes and help nobody. */
const SHOWN = 50;

/** Memoized: a keystroke in the participant search must not re-render hundreds of raised hands. */
export const HandQueue = memo(function HandQueue({
  queue,
  pending,
  now,
  canModerate,
  onApprove,
  onDismiss,
  onLowerAll,
  nextUp = false,
}: {
  queue: HandInQueue[];
  pending: ReadonlySet<string>;
  now: number;
  canModerate: boolean;
  onApprove: (participant: ParticipantView) => void;
  onDismiss: (participant: ParticipantView) => void;
  onLowerAll: () => void;
  /** a speaker's slot just ran out: the first hand is marked as next */
  nextUp?: boolean;
}) {
  return (
    <section aria-label="Raised hands" tabIndex={-1} className="rounded-lg border border-zinc-800 bg-zinc-900/40" data-hand-queue>
      <header className="flex items-center justify-between border-b border-zinc-800 px-3 py-2">
        <h2 className="text-sm font-semibold">
          Raised hands <span className="ml-1 rounded-full bg-zinc-800 px-1.5 text-xs text-zinc-300">{queue.length}</span>
        </h2>
        {canModerate && queue.length > 1 && (
          <Button variant="ghost" onClick={onLowerAll} pending={pending.has('bulk:lowerHands')}>
            Lower all
          </Button>
        )}
      </header>
      {queue.length === 0 ? (
        <p className="px-3 py-4 text-xs text-zinc-400">
          No hands up. An audience member raises a hand by setting the <code>stagekeeper.hand</code> attribute.
        </p>
      ) : (
        <ol className="max-h-[60vh] divide-y divide-zinc-800 overflow-y-auto">
          {queue.slice(0, SHOWN).map(({ participant, raisedAt }, index) => (
            <li
              key={participant.identity}
              data-queued={participant.identity}
              data-next-up={(nextUp && index === 0) || undefined}
              className={`flex items-center gap-2 px-3 py-2 ${nextUp && index === 0 ? 'bg-amber-400/10 ring-1 ring-amber-400/40 ring-inset' : ''}`}
            >
              <span className="w-5 text-right text-xs text-zinc-400 tabular-nums">{index + 1}</span>
              <div className="min-w-0 flex-1">
                <div className="truncate text-sm">
                  {nextUp && index === 0 && (
                    <span className="mr-1.5 rounded bg-amber-400/20 px-1 text-[10px] font-semibold text-amber-300 uppercase">next</span>
                  )}
                  {participant.name || participant.identity}
                </div>
                {/* until the server's time arrives, raisedAt is when this page first saw the hand: the server's render saw it earlier */}
                {/* in a narrow column the wait moves under the claim rather than being cut */}
                <div className="flex flex-wrap items-center gap-x-1.5 gap-y-0.5 text-[11px] text-zinc-400" title={formatDateTime(raisedAt)} suppressHydrationWarning>
                  <HandTeamwork identity={participant.identity} />
                  <span className="shrink-0" data-hand-wait suppressHydrationWarning>
                    {relativeTime(raisedAt, now)}
                  </span>
                </div>
              </div>
              {canModerate && (
                <>
                  <Button
                    variant="primary"
                    pending={pending.has(`hand:${participant.identity}`)}
                    onClick={() => onApprove(participant)}
                    aria-label={`Approve ${participant.identity}`}
                    data-approve
                  >
                    Approve
                  </Button>
                  <Button variant="ghost" onClick={() => onDismiss(participant)} aria-label={`Dismiss ${participant.identity}`}>
                    Dismiss
                  </Button>
                </>
              )}
            </li>
          ))}
          {queue.length > SHOWN && (
            <li className="px-3 py-2 text-xs text-zinc-400" data-queue-more>
              and {queue.length - SHOWN} more waiting
            </li>
          )}
        </ol>
      )}
    </section>
  );
});
