/** The answer of an incident and of its undo, shared by the server and the room page. */

export type IncidentPartKind = 'mute' | 'demote' | 'hand' | 'permission' | 'unmute';

export interface IncidentPartResult {
  part: IncidentPartKind;
  trackSid?: string;
  trackName?: string;
  ok: boolean;
  error?: { code: string; message: string };
}

export interface IncidentParticipantResult {
  identity: string;
  name: string;
  ok: boolean;
  parts: IncidentPartResult[];
  /** why nothing was done to this participant (left, changed since), or what stayed as it was */
  error?: { code: string; message: string };
  note?: string;
}

export interface IncidentLockResult {
  ok: boolean;
  /** the access mode before and after this step */
  before?: string;
  after?: string;
  error?: { code: string; message: string };
}

export interface IncidentSummary {
  incidentId: number;
  room: string;
  lock: IncidentLockResult;
  participants: IncidentParticipantResult[];
  succeeded: number;
  failed: number;
}

export interface IncidentInfo {
  id: number;
  room: string;
  startedAt: string;
  startedBy: string | null;
  participants: number;
  accessBefore: string | null;
  /** still handling participants: Undo is refused (still_running) until it has finished */
  running: boolean;
}

export function countOutcomes(participants: IncidentParticipantResult[]): Pick<IncidentSummary, 'succeeded' | 'failed'> {
  const succeeded = participants.filter((participant) => participant.ok).length;
  return { succeeded, failed: participants.length - succeeded };
}

const PART_WORDS: Record<IncidentPartKind, string> = {
  mute: 'muted',
  demote: 'moved to the audience',
  hand: 'hand lowered',
  permission: 'permissions restored',
  unmute: 'unmuted',
};

/** "muted microphone, moved to the audience": the parts that went through, for the summary row. */
export function describeDone(result: IncidentParticipantResult): string {
  return result.parts
    .filter((part) => part.ok)
    .map((part) => (part.trackName ? `${PART_WORDS[part.part]} ${part.trackName}` : PART_WORDS[part.part]))
    .join(', ');
}
