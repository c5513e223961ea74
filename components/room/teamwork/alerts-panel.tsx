'use client';

import { memo } from 'react';
import { useNow } from '@/components/use-now';
import { Button } from '@/components/ui/button';
import { formatDateTime, relativeTime } from '@/lib/format';
import { describeAlert } from '@/lib/teamwork/shared';
import { heldFor } from './claim-control';
import { useTeamwork } from './teamwork-context';

const KIND_LABEL = { churn: 'Identity churn', ban_evasion: 'Ban evasion hint' } as const;

/**
 * The room's alerts, as the server computed them (every tab shows the same): identity churn and
 * ban-evasion hints from LiveKit's webhooks until dismissed, and hands up for too long. Flags only:
 * nothing here acts on a participant.
 */
export const AlertsPanel = memo(function AlertsPanel({ nameOf }: { nameOf: (identity: string) => string }) {
  const teamwork = useTeamwork();
  const now = useNow(5_000) + (teamwork?.clockOffsetMs ?? 0);
  if (!teamwork) return null;
  const { alerts, waitingHands, canModerate } = teamwork;
  const count = alerts.length + waitingHands.size;
  return (
    <section aria-label="Room alerts" className="rounded-lg border border-zinc-800 bg-zinc-900/40" data-alerts-list data-alert-count={count}>
      <header className="flex items-center justify-between border-b border-zinc-800 px-3 py-2">
        <h2 className="text-sm font-semibold">
          Alerts{' '}
          <span className={`ml-1 rounded-full px-1.5 text-xs ${count > 0 ? 'bg-red-900 text-red-100' : 'bg-zinc-800 text-zinc-300'}`}>{count}</span>
        </h2>
      </header>
      {count === 0 ? (
        <p className="px-3 py-3 text-xs text-zinc-400">Nothing unusual: no identity churn, no ban-evasion hints, no hand waiting too long.</p>
      ) : (
        <ul className="max-h-[40vh] divide-y divide-zinc-800 overflow-y-auto">
          {alerts.map((alert) => (
            <li key={alert.id} data-alert-kind={alert.kind} data-alert-identity={alert.identity} className="flex items-start gap-2 px-3 py-2">
              <div className="min-w-0 flex-1">
                <div className="text-xs font-semibold text-red-300">{KIND_LABEL[alert.kind]}</div>
                <div className="truncate text-sm">{nameOf(alert.identity)}</div>
                <div className="text-[11px] text-zinc-400">{describeAlert(alert)}</div>
                <div className="text-[11px] text-zinc-400" title={formatDateTime(alert.lastAt)}>
                  {relativeTime(alert.lastAt, now)}
                </div>
              </div>
              {canModerate && (
                <Button variant="ghost" onClick={() => void teamwork.dismissAlert(alert.id)} aria-label={`Dismiss the alert on ${alert.identity}`}>
                  Dismiss
                </Button>
              )}
            </li>
          ))}
          {[...waitingHands].map(([identity, since]) => (
            <li key={`hand:${identity}`} data-alert-kind="hand_waiting" data-alert-identity={identity} className="px-3 py-2">
              <div className="text-xs font-semibold text-orange-300">Hand waiting</div>
              <div className="truncate text-sm">{nameOf(identity)}</div>
              <div className="text-[11px] text-zinc-400" title={formatDateTime(since)}>
                up for {heldFor(since, Math.max(now, since + teamwork.handWaitMs))}, longer than {heldFor(0, teamwork.handWaitMs)}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
});
