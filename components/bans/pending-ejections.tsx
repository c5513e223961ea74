import type { PendingEjectionView } from '@/lib/bans/shared';
import { formatClock } from '@/lib/format';

/** A ban's ejects that failed and are being retried: shown until each succeeds. */
export function PendingEjections({ pending }: { pending: PendingEjectionView[] }) {
  if (pending.length === 0) return null;
  return (
    <ul className="mt-1 space-y-0.5" data-pending-ejections>
      {pending.map((ejection) => (
        <li key={ejection.room} className="text-xs text-amber-300" data-pending-ejection={ejection.room}>
          eject pending from <span className="font-mono">{ejection.room}</span>: {ejection.attempts}{' '}
          {ejection.attempts === 1 ? 'try' : 'tries'}
          {ejection.lastError && <span className="text-amber-200/80">, last error: {ejection.lastError}</span>}
          <span className="text-zinc-400"> · next try {formatClock(ejection.nextAttemptAt, { seconds: true })}</span>
        </li>
      ))}
    </ul>
  );
}
