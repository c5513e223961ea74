'use client';

import { useState } from 'react';
import { formatDateTime } from '@/lib/format';
import type { ClaimKind, ClaimView } from '@/lib/teamwork/shared';
import { Button } from '@/components/ui/button';
import { useNow } from '@/components/use-now';
import { useTeamwork } from './teamwork-context';

/** "40 s", "3 min": how long a claim has been held, by the database's clock. */
export function heldFor(since: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - since) / 1000));
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min`;
}

/**
 * The claim on one target: who holds it and since when, with Claim / Release / Take over for
 * moderators. Works for any target kind (participant, hand, lobby request). A participant row splits
 * it: the chip beside the name only while claimed (`claimedOnly`), Claim among the row's actions
 * (`unclaimedOnly`), so an unclaimed row spends no space on claiming.
 */
export function ClaimControl({
  kind,
  identity,
  compact = false,
  claimedOnly = false,
  unclaimedOnly = false,
}: {
  kind: ClaimKind;
  identity: string;
  compact?: boolean;
  claimedOnly?: boolean;
  unclaimedOnly?: boolean;
}) {
  const teamwork = useTeamwork();
  const [busy, setBusy] = useState(false);
  if (!teamwork) return null;
  const claim = teamwork.claims.find((each) => each.kind === kind && each.identity === identity);
  const target = { kind, room: teamwork.room, identity };
  const act = async (work: () => Promise<boolean>) => {
    setBusy(true);
    await work();
    setBusy(false);
  };
  // WCAG 2.2 target size: 24 px, 44 px on a touch screen
  const button = 'inline-grid min-h-6 min-w-6 place-items-center rounded px-1 text-[10px] font-semibold uppercase tracking-wide disabled:opacity-50 pointer-coarse:min-h-11 pointer-coarse:min-w-11';

  if (!claim) {
    if (!teamwork.canModerate || claimedOnly) return null;
    if (unclaimedOnly) {
      return (
        <Button
          variant="ghost"
          disabled={busy}
          onClick={() => void act(() => teamwork.claim(target))}
          aria-label={`Claim ${identity}`}
          data-claim-button={kind}
        >
          Claim
        </Button>
      );
    }
    return (
      <button
        type="button"
        disabled={busy}
        className={`${button} text-zinc-400 ring-1 ring-zinc-700 hover:bg-zinc-800 hover:text-zinc-200`}
        onClick={() => void act(() => teamwork.claim(target))}
        aria-label={`Claim ${kind === 'participant' ? '' : `${kind} of `}${identity}`}
        data-claim-button={kind}
      >
        claim
      </button>
    );
  }
  if (unclaimedOnly) return null;
  return (
    <ClaimBadge
      claim={claim}
      mine={claim.claimedBy === teamwork.you}
      clockOffsetMs={teamwork.clockOffsetMs}
      busy={busy}
      compact={compact}
      onRelease={() => void act(() => teamwork.release(target))}
      onTakeOver={teamwork.canModerate ? () => void act(() => teamwork.claim(target, true)) : undefined}
    />
  );
}

const BADGE_BUTTON = 'min-h-6 px-0.5 underline decoration-dotted hover:text-white pointer-coarse:min-h-11';

/** Ticks every 5 s for its "40 s" label; an unclaimed row mounts no timer. */
function ClaimBadge({
  claim,
  mine,
  clockOffsetMs,
  busy,
  compact,
  onRelease,
  onTakeOver,
}: {
  claim: ClaimView;
  mine: boolean;
  clockOffsetMs: number;
  busy: boolean;
  compact: boolean;
  onRelease: () => void;
  onTakeOver?: () => void;
}) {
  const now = useNow(5_000) + clockOffsetMs;
  const who = mine ? 'you' : claim.claimedByName;
  const title = `Claimed by ${claim.claimedByName} at ${formatDateTime(claim.claimedAt)}; expires ${formatDateTime(claim.expiresAt)} unless released`;
  return (
    <span
      data-claim={claim.kind}
      data-claimed-by={claim.claimedByName}
      data-claim-mine={mine || undefined}
      title={title}
      className={`inline-flex min-w-0 items-center gap-1 align-middle text-[10px] font-semibold ${mine ? 'text-sky-200' : 'text-fuchsia-200'}`}
    >
      {/* the tint marks the claim itself; the buttons beside it grow to 44 px on touch without growing it */}
      <span className={`inline-flex min-w-0 items-center gap-1 rounded px-1 ring-1 ${mine ? 'bg-sky-400/15 ring-sky-400/40' : 'bg-fuchsia-400/15 ring-fuchsia-400/40'}`}>
        <span aria-hidden className={`size-1.5 shrink-0 rounded-full ${mine ? 'bg-sky-300' : 'bg-fuchsia-300'}`} />
        <span className="max-w-28 truncate">{compact ? who : `${who} · ${heldFor(claim.claimedAt, now)}`}</span>
      </span>
      {mine ? (
        <button type="button" disabled={busy} onClick={onRelease} className={BADGE_BUTTON} aria-label={`Release the claim on ${claim.identity}`}>
          release
        </button>
      ) : (
        onTakeOver && (
          <button type="button" disabled={busy} onClick={onTakeOver} className={BADGE_BUTTON} aria-label={`Take over the claim on ${claim.identity}`}>
            take over
          </button>
        )
      )}
    </span>
  );
}
