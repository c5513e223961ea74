import { RoomEvent, type RemoteParticipant } from '@livekit/rtc-node';
import {
  stagekeeperUnmuteRequest,
  UNMUTE_REPLY_ATTRIBUTE,
  unmuteReplyValue,
  type UnmuteRequest,
} from '../../lib/unmute-requests/shared';
import type { RealParticipant } from './participant';

/** What a participant's app does with a request: unmute and say yes, say no, or let it expire. */
export type UnmuteDecision = 'accept' | 'decline' | 'ignore';

/**
 * Follows the ask-to-unmute contract as an event's app would: takes only Stagekeeper's packets
 * (no sender), answers after `thinkMs` (a person reading the prompt), and never after the expiry.
 * Accepting unmutes the track first, then writes the reply; declining writes the reply. Returns a
 * function that stops answering.
 */
export function answerUnmuteRequests(
  member: RealParticipant,
  decide: (request: UnmuteRequest) => UnmuteDecision,
  { thinkMs = 0, onError = (error: unknown) => console.error(`${member.identity}: could not answer an unmute request`, error) } = {},
): () => void {
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const onData = (payload: Uint8Array, participant: RemoteParticipant | undefined, _kind: unknown, topic: string | undefined) => {
    // rtc-node passes no sender identity: a hidden sender shows as no participant (see docs/app-contract.md)
    const request = stagekeeperUnmuteRequest(payload, participant, topic, undefined);
    if (!request) return;
    const decision = decide(request);
    if (decision === 'ignore') return;
    const timer = setTimeout(() => {
      timers.delete(timer);
      answerUnmuteRequest(member, request, decision).catch(onError);
    }, thinkMs);
    timers.add(timer);
  };
  member.room.on(RoomEvent.DataReceived, onData);
  return () => {
    member.room.off(RoomEvent.DataReceived, onData);
    for (const timer of timers) clearTimeout(timer);
  };
}

export async function answerUnmuteRequest(member: RealParticipant, request: UnmuteRequest, decision: 'accept' | 'decline'): Promise<void> {
  if (Date.now() >= Date.parse(request.expiresAt) || !member.connected) return;
  if (decision === 'accept') member.setTrackMuted(request.trackSid, false);
  await member.room.localParticipant!.setAttributes({
    [UNMUTE_REPLY_ATTRIBUTE]: unmuteReplyValue(request.id, decision === 'accept' ? 'accepted' : 'declined'),
  });
}
