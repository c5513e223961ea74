'use server';

import { z } from 'zod';
import { publishLobbyChange } from '@/lib/access/notify-service';
import { lobbyView } from '@/lib/access/lobby-service';
import { defineAction, performEach } from '@/lib/actions/define-action';
import { lobbyDecisionDefinition } from './lobby-decision-service';
import { identity, roomName } from '@/lib/actions/schemas';

/** The room's access mode and who knocks, for the room page; read often, so successes are not audited. */
export const getLobby = defineAction({
  name: 'lobby.read',
  access: 'read',
  auditSuccess: false,
  input: z.strictObject({ room: roomName }),
  run: ({ room }) => lobbyView(room),
});

export const admitFromLobby = defineAction(lobbyDecisionDefinition('admitted', { publish: true }));

export const denyFromLobby = defineAction(lobbyDecisionDefinition('denied', { publish: true }));

const MAX_ADMIT_ALL = 1_000;
const ADMIT_CONCURRENCY = 4;

/**
 * Admits exactly the knocks the moderator saw (the panel sends its list): someone who knocked after
 * is not admitted with them. Each is its own audited lobby.admit; one change is pushed at the end.
 */
export const admitAllFromLobby = defineAction({
  name: 'lobby.admitAll',
  access: 'moderate',
  input: z.strictObject({ room: roomName, identities: z.array(identity).min(1).max(MAX_ADMIT_ALL) }),
  run: async ({ room, identities }, { actor }) => {
    const unique = [...new Set(identities)];
    const items = unique.map((who) => ({ input: { room, identity: who }, listed: { room, identity: who, waiting: true } }));
    const results = await performEach(lobbyDecisionDefinition('admitted', { publish: false }), items, { actor, concurrency: ADMIT_CONCURRENCY });
    await publishLobbyChange(room);
    return {
      admitted: unique.filter((_, index) => results[index]!.ok),
      notWaiting: unique.filter((_, index) => !results[index]!.ok),
    };
  },
});
