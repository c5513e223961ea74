'use client';

import { Button } from '@/components/ui/button';
import type { ParticipantView } from '@/lib/livekit/types';
import { EXTEND_CHOICES_SECONDS } from '@/lib/timeboxes/shared';
import { SlotPicker, type SlotChoiceState } from './slot-picker';
import { TimeboxCountdown } from './timebox-countdown';
import type { Timeboxes } from './use-timeboxes';

/**
 * The speaking slots of the room: the slot the next Promote or Approve gives, each running slot with
 * its countdown, Extend and End, and who is next once a slot has run out.
 */
export function TimeboxPanel({
  timeboxes,
  slotChoice,
  participant,
  nextHand,
  pending,
  canModerate,
}: {
  timeboxes: Timeboxes;
  slotChoice: SlotChoiceState;
  participant: (identity: string) => ParticipantView | null;
  nextHand: ParticipantView | null;
  pending: ReadonlySet<string>;
  canModerate: boolean;
}) {
  const running = [...timeboxes.running.values()];
  const { nextUp } = timeboxes;
  return (
    <section aria-label="Speaking slots" className="mb-4 rounded-lg border border-zinc-800 bg-zinc-900/40" data-timebox-panel>
      <header className="border-b border-zinc-800 px-3 py-2">
        <h2 className="text-sm font-semibold">Speaking slots</h2>
        {canModerate && (
          <div className="mt-2">
            <SlotPicker state={slotChoice} />
          </div>
        )}
      </header>
      {nextUp && (
        <p className="border-b border-zinc-800 bg-amber-400/10 px-3 py-2 text-xs text-amber-200" data-next-up={nextHand?.identity ?? ''}>
          {participant(nextUp.identity)?.name || nextUp.identity}&apos;s slot ran out.{' '}
          {nextHand ? (
            <>
              Next hand: <strong>{nextHand.name || nextHand.identity}</strong>
            </>
          ) : (
            'No hands are up.'
          )}
        </p>
      )}
      {running.length === 0 ? (
        <p className="px-3 py-3 text-xs text-zinc-400">No slot is running. Pick a slot above, then Promote or Approve.</p>
      ) : (
        <ul className="divide-y divide-zinc-800">
          {running.map((slot) => {
            const speaker = participant(slot.identity);
            return (
              <li key={slot.id} className="flex items-center gap-2 px-3 py-2" data-running-slot={slot.identity}>
                <div className="min-w-0 flex-1 truncate text-sm">{speaker?.name || slot.identity}</div>
                <TimeboxCountdown slot={slot} clockOffsetMs={timeboxes.clockOffsetMs} />
                {canModerate && speaker && (
                  <>
                    <Button
                      variant="ghost"
                      className="px-1.5"
                      pending={pending.has(`slot:${slot.identity}`)}
                      onClick={() => timeboxes.extend(speaker, EXTEND_CHOICES_SECONDS[0])}
                      aria-label={`Give ${slot.identity} one more minute`}
                    >
                      +1 min
                    </Button>
                    <Button variant="ghost" className="px-1.5" onClick={() => timeboxes.end(speaker)} aria-label={`End ${slot.identity}'s slot now`}>
                      End
                    </Button>
                  </>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
