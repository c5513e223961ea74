import 'server-only';
import { database } from '@/lib/db';
import { withLock } from '@/lib/db/locks';
import { decideTickets } from '@/lib/access/lobby-store';
import { admitIdentities } from '@/lib/access/store';
import { publishLobbyChange } from '@/lib/access/notify-service';
import { LiveKitError } from '@/lib/livekit/errors';
import type { ActionDefinition } from '@/lib/actions/define-action';
import { participantRef } from '@/lib/actions/schemas';

export interface LobbyDecision {
  identity: string;
  decision: 'admitted' | 'denied';
}

/**
 * lobby.admit and lobby.deny, for the single actions and for Admit all (each knock its own audited
 * item). Kept out of the 'use server' file: there every export is a public endpoint. Decided under
 * the room's access lock, so a decision and a change of the room's mode never interleave; a knock
 * another moderator decided first, or that expired, is refused as not_found.
 */
export function lobbyDecisionDefinition(decision: LobbyDecision['decision'], { publish }: { publish: boolean }) {
  return {
    name: decision === 'admitted' ? 'lobby.admit' : 'lobby.deny',
    access: 'moderate',
    input: participantRef,
    run: async ({ room, identity }, { actor }): Promise<LobbyDecision> => {
      const decided = await withLock(`room-access:${room}`, async () => {
        const db = await database();
        const tickets = await decideTickets(db, room, [identity], decision, actor.email);
        if (tickets.length > 0 && decision === 'admitted') await admitIdentities(db, room, [identity], 'lobby', actor.email);
        return tickets.length > 0;
      });
      if (!decided) {
        throw new LiveKitError('not_found', `${identity} is no longer waiting in the lobby of ${room} (decided by another moderator, withdrawn or expired)`);
      }
      if (publish) await publishLobbyChange(room);
      return { identity, decision };
    },
  } satisfies ActionDefinition<typeof participantRef, LobbyDecision>;
}
