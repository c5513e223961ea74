'use client';

import { describeAlert } from '@/lib/teamwork/shared';
import { formatDateTime } from '@/lib/format';
import { ClaimControl, heldFor } from './claim-control';
import { useTeamwork } from './teamwork-context';

const ALERT_LABEL = { churn: 'churn', ban_evasion: 'ban evasion?' } as const;

/**
 * A participant row's claim and alerts (identity churn, ban-evasion hint, a hand waiting too long),
 * read from the room's teamwork context so the memoized row itself needs no new props.
 */
export function RowTeamworkBadges({ identity }: { identity: string }) {
  const teamwork = useTeamwork();
  if (!teamwork) return null;
  const alerts = teamwork.alertsByIdentity.get(identity) ?? [];
  const handSince = teamwork.waitingHands.get(identity);
  const handClaimed = teamwork.claims.some((claim) => claim.kind === 'hand' && claim.identity === identity);
  return (
    <span className="mr-1.5 inline-flex items-center gap-1 align-middle font-sans empty:hidden" data-row-teamwork>
      {alerts.map((alert) => (
        <span
          key={alert.id}
          data-alert={alert.kind}
          title={`${describeAlert(alert)} · last ${formatDateTime(alert.lastAt)}`}
          className="rounded bg-red-500/15 px-1 text-[10px] font-semibold tracking-wide text-red-300 uppercase ring-1 ring-red-500/40"
        >
          {ALERT_LABEL[alert.kind]}
        </span>
      ))}
      {handSince !== undefined && (
        <span
          data-hand-waiting
          title={`Hand up since ${formatDateTime(handSince)}: longer than ${heldFor(0, teamwork.handWaitMs)}`}
          className="rounded bg-orange-500/20 px-1 text-[10px] font-semibold tracking-wide text-orange-200 uppercase ring-1 ring-orange-400/60"
        >
          waiting
        </span>
      )}
      {handClaimed && <ClaimControl kind="hand" identity={identity} compact />}
      <ClaimControl kind="participant" identity={identity} claimedOnly />
    </span>
  );
}

/** A queued hand's claim and, past the threshold, its "waiting" mark. */
export function HandTeamwork({ identity }: { identity: string }) {
  const teamwork = useTeamwork();
  if (!teamwork) return null;
  const since = teamwork.waitingHands.get(identity);
  return (
    <span className="inline-flex items-center gap-1 align-middle font-sans empty:hidden">
      {since !== undefined && (
        <span
          data-hand-waiting
          title={`Hand up since ${formatDateTime(since)}`}
          className="rounded bg-orange-500/20 px-1 text-[10px] font-semibold tracking-wide text-orange-200 uppercase ring-1 ring-orange-400/60"
        >
          waiting
        </span>
      )}
      <ClaimControl kind="hand" identity={identity} compact />
    </span>
  );
}
