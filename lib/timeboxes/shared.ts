/**
 * Speaker time-boxes, the part both the server and the room page need: the slot choices and their
 * bounds, what a running slot looks like on the page, and the warning notice the speaker's app gets.
 * No zod here (the action schema is in lib/timeboxes/schema.ts): the room page imports this file.
 */
export const SLOT_CHOICES_SECONDS = [60, 180, 300] as const;
export const MIN_SLOT_SECONDS = 30;
/** a slot, and what is left of one after an extension, is at most this long */
export const MAX_SLOT_SECONDS = 3 * 60 * 60;
export const EXTEND_CHOICES_SECONDS = [60, 180] as const;

/** the speaker is told this long before the end of their slot */
export const WARNING_LEAD_MS = 30_000;

export const TIMEBOX_END_REASONS = ['expired', 'ended_early', 'demoted', 'replaced', 'left', 'not_on_stage', 'rejoined'] as const;
export type TimeboxEndReason = (typeof TIMEBOX_END_REASONS)[number];

export interface TimeboxView {
  id: number;
  room: string;
  identity: string;
  participantSid: string;
  /** epoch milliseconds, the database's clock */
  startedAt: number;
  endsAt: number;
  /** the moderator who gave the slot */
  setBy: string | null;
  warnedAt: number | null;
  endedAt: number | null;
  endReason: TimeboxEndReason | null;
  endedBy: string | null;
}

export interface RoomTimeboxes {
  /** the database's clock when this was read: the page counts down from it, whatever its own clock says */
  now: number;
  running: TimeboxView[];
  /** the slot that ended last in this room, for "next hand" on the room page */
  lastEnded: TimeboxView | null;
}

/** The notice a speaker gets before the end of their slot: the notice contract's fields, and the slot's end. */
export function warningNotice(endsAt: number, now: number): { text: string; sentAt: string; timebox: { endsAt: string } } {
  const seconds = Math.max(0, Math.round((endsAt - now) / 1000));
  return {
    text: `Your speaking slot ends in ${seconds} seconds`,
    sentAt: new Date(now).toISOString(),
    timebox: { endsAt: new Date(endsAt).toISOString() },
  };
}

/** m:ss, or h:mm:ss from an hour up */
export function formatRemaining(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export function slotLabel(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')} min`;
}
