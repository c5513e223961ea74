import 'server-only';
import * as livekit from '@/lib/livekit';
import type { ParticipantView } from '@/lib/livekit/types';

/** The participant as it stands, for the audit log's before/after; null once they have left. */
export const participantState = ({ room, identity }: { room: string; identity: string }) => livekit.getParticipant(room, identity);

export function isParticipant(state: unknown): state is ParticipantView {
  return typeof state === 'object' && state !== null && 'permission' in state && 'identity' in state;
}
