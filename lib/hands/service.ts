import 'server-only';
import * as livekit from '@/lib/livekit';
import { MAX_NAME_LENGTH } from '@/lib/actions/schemas';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import type { RaisedHand } from '@/lib/hands/store';

/** A hand value longer than this is not a time the raise-hand contract sets: its item is dropped. */
export const MAX_HAND_VALUE_LENGTH = 256;

export interface HandReport {
  raised: RaisedHand[];
  lowered: RaisedHand[];
}

function wellFormed({ identity, value }: RaisedHand): boolean {
  return identity.length > 0 && identity.length <= MAX_NAME_LENGTH && value.length > 0 && value.length <= MAX_HAND_VALUE_LENGTH;
}

function onePerIdentity(hands: RaisedHand[]): RaisedHand[] {
  return [...new Map(hands.map((hand) => [hand.identity, hand])).values()];
}

/**
 * Keeps only what LiveKit's listing of the room confirms, item by item: a raised hand whose participant
 * is in the room with exactly that hand value, a lowered one whose participant has left or has no hand up.
 * A malformed item is dropped, not the report.
 */
export async function confirmHandReport(room: string, report: HandReport, reportedAt: number): Promise<HandReport> {
  // the page saw these hands before it sent the report; a listing asked before it arrived may not show them
  const listing = await livekit.listParticipants(room, { since: reportedAt });
  const hands = new Map(listing.map((participant) => [participant.identity, participant.attributes[HAND_ATTRIBUTE] ?? '']));
  return {
    raised: onePerIdentity(report.raised.filter((hand) => wellFormed(hand) && hands.get(hand.identity) === hand.value)),
    lowered: onePerIdentity(report.lowered.filter((hand) => wellFormed(hand) && !hands.get(hand.identity))),
  };
}
