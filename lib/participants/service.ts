import 'server-only';
import * as livekit from '@/lib/livekit';
import { withLock } from '@/lib/db/locks';
import type { ParticipantView } from '@/lib/livekit/types';

/** The participant as it stands, for the audit log's before/after; null once they have left. */
export const participantState = ({ room, identity }: { room: string; identity: string }) => livekit.getParticipant(room, identity);

export function isParticipant(state: unknown): state is ParticipantView {
  return typeof state === 'object' && state !== null && 'permission' in state && 'identity' in state;
}

/**
 * LiveKit has no compare-and-set and replaces the whole permission on update, so every
 * read-modify-write of one participant holds this lock (across replicas) and reads the participant
 * inside it: two moderators' changes are laid one over the other instead of one undoing the other.
 */
export function withParticipantLock<T>(room: string, identity: string, work: () => Promise<T>): Promise<T> {
  return withLock(`participant:${room}:${identity}`, work);
}
