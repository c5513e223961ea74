/**
 * The raise-hand contract: an audience member's app sets this participant attribute to the ISO time
 * the hand went up, and removes it (or sets it empty) to lower the hand.
 */
export const HAND_ATTRIBUTE = 'stagekeeper.hand';

export function handRaisedAt(attributes: Record<string, string>): number | null {
  const value = attributes[HAND_ATTRIBUTE];
  if (!value) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : at;
}

/** The data-packet topic Stagekeeper's notices are sent on; the payload is UTF-8 JSON `{ text, sentAt }`. */
export const NOTICE_TOPIC = 'stagekeeper.notice';

export const MAX_NOTICE_LENGTH = 1000;
