'use server';

import { z } from 'zod';
import { mapWithConcurrency } from '@/lib/concurrency';
import { env } from '@/lib/env';
import { handRaisedAt } from '@/lib/live/hand';
import * as livekit from '@/lib/livekit';
import type { ParticipantView } from '@/lib/livekit/types';
import { defineAction, performEach } from './define-action';
import { demoteToAudience, removeParticipant } from './participants';
import { stageRole } from './presets';
import type { ActionResult } from './result';
import { identity, roomName } from './schemas';
import { dismissHand } from './stage';
import { muteTrackDefinition } from './track-mute';

/** LiveKit handles this many requests from one dashboard comfortably; more only queues on its side. */
const BULK_CONCURRENCY = 16;
const MAX_BULK_TARGETS = 10_000;

export interface BulkItemResult {
  identity: string;
  trackSid?: string;
  ok: boolean;
  error?: { code: string; message: string };
}

export interface BulkSummary {
  total: number;
  succeeded: number;
  failed: number;
  results: BulkItemResult[];
}

const bulkInput = z.strictObject({
  room: roomName,
  /** limit the operation to these participants (the selected rows); all that qualify when omitted */
  identities: z.array(identity).min(1).max(MAX_BULK_TARGETS).optional(),
});

function summarize(results: BulkItemResult[]): BulkSummary {
  const succeeded = results.filter((result) => result.ok).length;
  return { total: results.length, succeeded, failed: results.length - succeeded, results };
}

function itemResult<T>(target: { identity: string; trackSid?: string }, result: ActionResult<T>): BulkItemResult {
  return result.ok ? { ...target, ok: true } : { ...target, ok: false, error: result.error };
}

async function targets(room: string, identities: string[] | undefined, qualifies: (p: ParticipantView) => boolean) {
  const participants = await livekit.listParticipants(room);
  const chosen = identities ? new Set(identities) : undefined;
  return participants.filter((p) => (!chosen || chosen.has(p.identity)) && qualifies(p));
}

/**
 * Every bulk operation runs the single-participant action for each target, so each one is
 * validated, authorized and audited on its own, and one failure does not stop the rest.
 * Muting runs its items through performEach: 500 tracks are too many to read the session and
 * each participant again per track.
 */
export const muteAllButHosts = defineAction({
  name: 'bulk.muteAllButHosts',
  access: 'moderate',
  // undone by unmuting, which LiveKit allows only with room.enable_remote_unmute
  undoable: () => env().remoteUnmute,
  input: bulkInput,
  run: async ({ room, identities }, { actor }) => {
    // roles come from permissions, so whoever publishes without being a host is the crowd to quiet
    const crowd = await targets(room, identities, (p) => stageRole(p.permission) !== 'host');
    const items = crowd.flatMap((participant) =>
      participant.tracks
        .filter((track) => !track.muted)
        .map((track) => ({ input: { room, identity: participant.identity, trackSid: track.sid }, listed: participant })),
    );
    const results = await performEach(muteTrackDefinition, items, { actor, concurrency: BULK_CONCURRENCY });
    return summarize(items.map(({ input: { identity, trackSid } }, index) => itemResult({ identity, trackSid }, results[index]!)));
  },
});

export const demoteAllSpeakers = defineAction({
  name: 'bulk.demoteSpeakers',
  access: 'moderate',
  undoable: true,
  input: bulkInput,
  run: async ({ room, identities }) => {
    const speakers = await targets(room, identities, (p) => stageRole(p.permission) === 'speaker');
    return summarize(
      await mapWithConcurrency(speakers, BULK_CONCURRENCY, async ({ identity }) =>
        itemResult({ identity }, await demoteToAudience({ room, identity })),
      ),
    );
  },
});

export const lowerAllHands = defineAction({
  name: 'bulk.lowerHands',
  access: 'moderate',
  undoable: true,
  input: bulkInput,
  run: async ({ room, identities }) => {
    const raised = await targets(room, identities, (p) => handRaisedAt(p.attributes) !== null);
    return summarize(
      await mapWithConcurrency(raised, BULK_CONCURRENCY, async ({ identity }) =>
        itemResult({ identity }, await dismissHand({ room, identity })),
      ),
    );
  },
});

export const removeParticipants = defineAction({
  name: 'bulk.remove',
  access: 'moderate',
  undoable: true,
  input: z.strictObject({ room: roomName, identities: z.array(identity).min(1).max(MAX_BULK_TARGETS) }),
  run: async ({ room, identities }) =>
    summarize(
      await mapWithConcurrency(identities, BULK_CONCURRENCY, async (identity) =>
        itemResult({ identity }, await removeParticipant({ room, identity })),
      ),
    ),
});
