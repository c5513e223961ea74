import { stageRole } from '@/lib/presets/shared';
import { handRaisedAt } from '@/lib/hands/shared';
import { isObserver } from '@/lib/participants/filter-shared';
import type { ParticipantView } from '@/lib/livekit/types';

/** What the room chart draws at one moment. */
export interface ActivityCounts {
  participants: number;
  /** hosts and speakers: everyone on stage */
  speakers: number;
  hands: number;
}

export interface ActivitySample extends ActivityCounts {
  /** epoch milliseconds */
  at: number;
}

/**
 * The same counts on the server (from ListParticipants) and in the browser (from the observer's
 * list): hidden participants, the dashboard's observers among them, are not counted.
 */
export function activityCounts(participants: readonly ParticipantView[]): ActivityCounts {
  const counts: ActivityCounts = { participants: 0, speakers: 0, hands: 0 };
  for (const participant of participants) {
    if (isObserver(participant)) continue;
    counts.participants += 1;
    const role = stageRole(participant.permission);
    if (role === 'host' || role === 'speaker') counts.speakers += 1;
    if (handRaisedAt(participant.attributes) !== null) counts.hands += 1;
  }
  return counts;
}

/** The chart's window. */
export const ACTIVITY_WINDOW_MS = 60 * 60 * 1000;
