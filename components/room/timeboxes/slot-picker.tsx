'use client';

import { useCallback, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/actions/result';
import { MAX_SLOT_SECONDS, MIN_SLOT_SECONDS, SLOT_CHOICES_SECONDS, slotLabel } from '@/lib/timeboxes/shared';

export interface SlotChoice {
  /** undefined: no limit */
  seconds: number | undefined;
  /** the custom value cannot be used; Promote and Approve refuse until it is fixed */
  error: string | null;
}

const NO_LIMIT = 'none';
const CUSTOM = 'custom';

/** A custom slot in minutes, as typed: 0.5 to 180, in steps of a second. */
export function customSlot(minutesText: string): SlotChoice {
  const minutes = Number(minutesText.trim().replace(',', '.'));
  if (minutesText.trim() === '' || !Number.isFinite(minutes)) return { seconds: undefined, error: 'Type the slot in minutes, e.g. 2 or 1.5' };
  const seconds = Math.round(minutes * 60);
  if (seconds < MIN_SLOT_SECONDS || seconds > MAX_SLOT_SECONDS) {
    return { seconds: undefined, error: `A slot is ${MIN_SLOT_SECONDS / 60} to ${MAX_SLOT_SECONDS / 60} minutes` };
  }
  return { seconds, error: null };
}

/** The slot the next Promote or Approve gives: no limit, 1, 3, 5 minutes, or a custom number of minutes. */
export function useSlotChoice() {
  const [mode, setMode] = useState<string>(NO_LIMIT);
  const [custom, setCustom] = useState('2');
  const choice: SlotChoice =
    mode === NO_LIMIT ? { seconds: undefined, error: null } : mode === CUSTOM ? customSlot(custom) : { seconds: Number(mode), error: null };
  const latest = useRef(choice);
  latest.current = choice;
  // stable, so the row actions that read it are not rebuilt (and every row re-rendered) on each change
  const current = useCallback(() => latest.current, []);
  return { mode, setMode, custom, setCustom, choice, current };
}

/** Calls a stage move with the chosen slot; a custom slot that cannot be used refuses here, with the picker's message. */
export async function withSlotChoice<T>(
  choice: SlotChoice | undefined,
  call: (slot: { slotSeconds?: number }) => Promise<ActionResult<T>>,
): Promise<ActionResult<T>> {
  if (choice?.error) return { ok: false, error: { code: 'validation', message: `Speaking slot: ${choice.error}` } };
  return call(choice?.seconds === undefined ? {} : { slotSeconds: choice.seconds });
}

/** " for 3 min", or nothing without a slot: the end of a success message. */
export function forSlot(choice: SlotChoice | undefined): string {
  return choice?.seconds === undefined ? '' : ` for ${slotLabel(choice.seconds)}`;
}

export type SlotChoiceState = ReturnType<typeof useSlotChoice>;

export function SlotPicker({ state }: { state: SlotChoiceState }) {
  const { mode, setMode, custom, setCustom, choice } = state;
  return (
    <div className="flex flex-wrap items-center gap-2 text-xs" data-slot-picker data-slot-seconds={choice.seconds ?? ''}>
      <label className="flex items-center gap-1.5 text-zinc-400">
        Slot on stage
        <select
          aria-label="Slot on stage"
          value={mode}
          onChange={(event) => setMode(event.target.value)}
          className="h-7 rounded-md border border-zinc-700 bg-zinc-900 px-1.5 text-zinc-100"
        >
          <option value={NO_LIMIT}>No limit</option>
          {SLOT_CHOICES_SECONDS.map((seconds) => (
            <option key={seconds} value={String(seconds)}>
              {slotLabel(seconds)}
            </option>
          ))}
          <option value={CUSTOM}>Custom…</option>
        </select>
      </label>
      {mode === CUSTOM && (
        <label className="flex items-center gap-1 text-zinc-400">
          <input
            aria-label="Custom slot in minutes"
            inputMode="decimal"
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
            aria-invalid={choice.error !== null}
            className="h-7 w-14 rounded-md border border-zinc-700 bg-zinc-900 px-1.5 text-zinc-100 aria-[invalid=true]:border-red-500"
          />
          min
        </label>
      )}
      {choice.error && (
        <span role="alert" className="basis-full text-red-300">
          {choice.error}
        </span>
      )}
    </div>
  );
}
