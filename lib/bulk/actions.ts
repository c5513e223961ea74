'use server';

import { z } from 'zod';
import { remoteUnmuteAllowedIn } from '@/lib/unmute-requests/policy-service';
import { plannedChange, type BulkItemResult, type BulkKind, type BulkSummary } from '@/lib/bulk/shared';
import {
  bulkDemoteItem,
  bulkLowerHandItem,
  bulkMuteItem,
  bulkRemoveItem,
  chooseTargets,
} from './items-service';
import { defineAction, performEach, type ActionContext, type ActionDefinition, type BulkItem } from '@/lib/actions/define-action';
import type { ActionResult } from '@/lib/actions/result';
import { identity, roomName, version } from '@/lib/actions/schemas';

/** LiveKit handles this many requests from one dashboard comfortably; more only queues on its side. */
const BULK_CONCURRENCY = 16;
const MAX_BULK_TARGETS = 10_000;


const bulkTarget = z.strictObject({ identity, version: version.optional() });

const targetList = z.array(bulkTarget).min(1).max(MAX_BULK_TARGETS);

const bulkInput = z.strictObject({
  room: roomName,
  /**
   * exactly the participants the moderator's preview listed, each with the version it showed
   * (lib/live/bulk-preview.ts); every participant the operation applies to now when omitted (API callers)
   */
  targets: targetList.optional(),
});
type BulkInput = z.output<typeof bulkInput>;

/** The results in the order the request named its targets (refusals come out of the listing first). */
function inTargetOrder(results: BulkItemResult[], targets: { identity: string }[] | undefined): BulkItemResult[] {
  if (!targets) return results;
  const order = new Map(targets.map((target, index) => [target.identity, index]));
  return [...results].sort((a, b) => (order.get(a.identity) ?? 0) - (order.get(b.identity) ?? 0));
}

function summarize(results: BulkItemResult[]): BulkSummary {
  const succeeded = results.filter((result) => result.ok).length;
  return { total: results.length, succeeded, failed: results.length - succeeded, results };
}

function itemResult<T>(target: { identity: string; trackSid?: string }, result: ActionResult<T>): BulkItemResult {
  return result.ok ? { ...target, ok: true } : { ...target, ok: false, error: result.error };
}

/** One item per chosen participant, run, audited and summed up; refusals first, in the order given. */
async function runPerParticipant<Schema extends z.ZodType, T>(
  kind: BulkKind,
  definition: ActionDefinition<Schema, T>,
  { room, targets }: BulkInput,
  { actor }: ActionContext,
): Promise<BulkSummary> {
  const { chosen, refused } = await chooseTargets(kind, room, targets);
  const items: BulkItem[] = chosen.map(({ participant, basedOn }) => ({
    input: { room, identity: participant.identity, ...(basedOn && { basedOn }) },
    listed: participant,
  }));
  const results = await performEach(definition, items, { actor, concurrency: BULK_CONCURRENCY });
  const done = chosen.map(({ participant }, index) => itemResult({ identity: participant.identity }, results[index]!));
  return summarize(inTargetOrder([...refused, ...done], targets));
}

/**
 * Every bulk operation runs the single-participant action for each target, so each one is
 * validated, authorized and audited on its own, and one failure does not stop the rest. The
 * request's listing stands in for reading the session and each participant again per item.
 */
export const muteAllButHosts = defineAction({
  name: 'bulk.muteAllButHosts',
  access: 'moderate',
  // undone by unmuting, which LiveKit allows only with room.enable_remote_unmute
  undoable: async ({ room }) => remoteUnmuteAllowedIn(room),
  input: bulkInput,
  run: async ({ room, targets }, { actor }) => {
    const { chosen, refused } = await chooseTargets('mute', room, targets);
    const items = chosen.flatMap(({ participant, basedOn }) =>
      plannedChange('mute', participant)!.mute.map((track) => ({
        input: { room, identity: participant.identity, trackSid: track.sid, ...(basedOn && { basedOn }) },
        listed: participant,
      })),
    );
    const results = await performEach(bulkMuteItem, items, { actor, concurrency: BULK_CONCURRENCY });
    const done = items.map(({ input: { identity, trackSid } }, index) => itemResult({ identity, trackSid }, results[index]!));
    return summarize(inTargetOrder([...refused, ...done], targets));
  },
});

export const demoteAllSpeakers = defineAction({
  name: 'bulk.demoteSpeakers',
  access: 'moderate',
  undoable: true,
  input: bulkInput,
  run: (input, context) => runPerParticipant('demote', bulkDemoteItem, input, context),
});

export const lowerAllHands = defineAction({
  name: 'bulk.lowerHands',
  access: 'moderate',
  undoable: true,
  input: bulkInput,
  run: (input, context) => runPerParticipant('hands', bulkLowerHandItem, input, context),
});

export const removeParticipants = defineAction({
  name: 'bulk.remove',
  access: 'moderate',
  input: z.strictObject({ room: roomName, targets: targetList }),
  run: (input, context) => runPerParticipant('remove', bulkRemoveItem, input, context),
  undoable: true,
});
