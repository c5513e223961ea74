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
  return withLock(participantLock({ room, identity }), work);
}

/** For `lock` in an action definition: the participant's lock, held from the snapshot's read to the end of run. */
export const participantLock = ({ room, identity }: { room: string; identity: string }) => `participant:${room}:${identity}`;

/**
 * The participant as the action read it under the participant's lock (or as its bulk request listed
 * it), or read now when the action had no such read.
 */
export async function lockedParticipant(context: { current?: unknown }, room: string, identity: string): Promise<ParticipantView> {
  return heldParticipant(context) ?? livekit.getParticipant(room, identity);
}

export function heldParticipant(context: { current?: unknown }): ParticipantView | undefined {
  return isParticipant(context.current) ? context.current : undefined;
}
