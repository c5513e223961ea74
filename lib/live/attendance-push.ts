import type { ParticipantView } from '@/lib/livekit/types';
import type { ParticipantPatch } from './participant-patches';
import { followRoomStream } from './room-stream-client';

/**
 * Joins and leaves pushed from LiveKit's webhooks (`/api/rooms/stream`). LiveKit tells the room's
 * participants, the observer included, about participants who do not publish only every few seconds
 * (it batches those updates), while its webhook leaves at once: the room page shows a join or leave
 * from the push, and the observer's SDK confirms it when its own update arrives.
 */
export interface AttendanceChange {
  kind: string;
  room: string | null;
  participant?: { identity: string; sid: string; row?: ParticipantView };
}

export function parseAttendanceChange(data: string): AttendanceChange | null {
  try {
    const value = JSON.parse(data) as AttendanceChange;
    return typeof value === 'object' && value !== null && typeof value.kind === 'string' ? value : null;
  } catch {
    return null;
  }
}

/**
 * What a pushed change does to the table of `room`: a leave removes the row of that very session (a
 * rejoin's newer row stays), a join adds the row unless the table already shows that session or a
 * later one. Null when it tells nothing new.
 */
export function attendancePatch(
  change: AttendanceChange,
  room: string,
  shown: readonly ParticipantView[] | undefined,
): ParticipantPatch | null {
  if (change.room !== room || !change.participant || !shown) return null;
  const { identity, sid, row } = change.participant;
  const current = shown.find((participant) => participant.identity === identity);
  if (change.kind === 'participant_left') return current?.sid === sid ? { type: 'remove', identity } : null;
  if (change.kind !== 'participant_joined' || !row || row.identity !== identity) return null;
  if (current && (current.sid === sid || current.joinedAt >= row.joinedAt)) return null;
  return { type: 'upsert', participant: row };
}

/** Follows the pushed room changes; the returned function stops. Best effort: the observer stays the truth. */
export function followAttendance(onChange: (change: AttendanceChange) => void): () => void {
  return followRoomStream({
    message: (data) => {
      const change = parseAttendanceChange(data);
      if (change) onChange(change);
    },
  });
}
