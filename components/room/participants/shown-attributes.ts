import { HAND_ATTRIBUTE, handRaisedAt } from '@/lib/hands/shared';
import { UNMUTE_REPLY_ATTRIBUTE } from '@/lib/unmute-requests/shared';

/**
 * The attributes a row shows as key=value: the participant's own. Stagekeeper's contract attributes
 * are left to the badges that say what they mean: a valid hand time to the "hand" badge, the unmute
 * reply to the track's request line. A hand value the badge cannot read stays visible, raw.
 */
export function ownAttributes(attributes: Record<string, string>): Array<[string, string]> {
  const handShown = handRaisedAt(attributes) !== null;
  return Object.entries(attributes).filter(([key]) => key !== UNMUTE_REPLY_ATTRIBUTE && !(key === HAND_ATTRIBUTE && handShown));
}
