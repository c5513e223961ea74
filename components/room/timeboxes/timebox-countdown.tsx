'use client';

import { useEffect, useState } from 'react';
import { formatRemaining, WARNING_LEAD_MS, type TimeboxView } from '@/lib/timeboxes/shared';
import { formatClock } from '@/lib/format';

/** Milliseconds left in the slot by the server's clock, re-rendered every second while mounted. */
export function useRemaining(slot: TimeboxView, clockOffsetMs: number): number {
  const remaining = () => slot.endsAt - (Date.now() + clockOffsetMs);
  const [left, setLeft] = useState(remaining);
  useEffect(() => {
    setLeft(remaining());
    const timer = setInterval(() => setLeft(remaining()), 1_000);
    return () => clearInterval(timer);
  }, [slot.endsAt, clockOffsetMs]);
  return left;
}

/**
 * A speaker's slot on their row: the time left, amber within the warning lead, red in the last
 * 10 s, "ending…" once the end has come and the server is returning them to the audience.
 */
export function TimeboxCountdown({ slot, clockOffsetMs }: { slot: TimeboxView; clockOffsetMs: number }) {
  const left = useRemaining(slot, clockOffsetMs);
  const tone =
    left <= 10_000
      ? 'bg-red-500/15 text-red-300 ring-red-500/40'
      : left <= WARNING_LEAD_MS
        ? 'bg-amber-400/15 text-amber-300 ring-amber-400/40'
        : 'bg-sky-500/10 text-sky-300 ring-sky-500/30';
  return (
    <span
      data-timebox={slot.identity}
      data-timebox-ends={slot.endsAt}
      title={`Speaking slot set by ${slot.setBy ?? 'a moderator'}; ends ${formatClock(slot.endsAt, { seconds: true })}`}
      className={`inline-flex items-center gap-1 rounded px-1.5 py-px font-mono text-[11px] tabular-nums ring-1 ring-inset ${tone}`}
    >
      <svg aria-hidden viewBox="0 0 16 16" className="size-2.5" fill="none" stroke="currentColor" strokeWidth="2">
        <circle cx="8" cy="8" r="6.5" />
        <path d="M8 4.5V8l2.5 1.5" strokeLinecap="round" />
      </svg>
      <span data-timebox-remaining>{left > 0 ? formatRemaining(left) : 'ending…'}</span>
    </span>
  );
}
