import 'server-only';
import type { z } from 'zod';
import { database } from '@/lib/db';
import { appendIncidentParticipant, insertIncident, recordAccessBefore, type IncidentParticipantRecord } from '@/lib/incident/store';
import { mapWithConcurrency } from '@/lib/concurrency';
import { plannedChange, previewVersion } from '@/lib/bulk/shared';
import * as livekit from '@/lib/livekit';
import type { ParticipantView } from '@/lib/livekit/types';
import { roomAccessState } from '@/lib/access/service';
import { previewConflict, type BulkTargetInput } from '@/lib/bulk/items-service';
import { performEach, type ActionDefinition } from '@/lib/actions/define-action';
import type { Actor } from '@/lib/actions/gate';
import { demotePart, lowerHandPart, muteTrackPart, roomAccessPart } from './parts-service';
import { countOutcomes, type IncidentLockResult, type IncidentParticipantResult, type IncidentPartResult, type IncidentSummary } from './shared';
import { withParticipantLock } from '@/lib/participants/service';
import type { ActionResult } from '@/lib/actions/result';

/** Participants handled at once; each one's parts run one after another under its lock. */
export const INCIDENT_CONCURRENCY = 16;

export interface PartContext {
  actor: Actor;
  room: string;
  /** the audit row the parts point to */
  partOf: number;
}

export const shownName = (participant: { name: string; identity: string }) => participant.name || participant.identity;

export function partResult<T>(part: Omit<IncidentPartResult, 'ok' | 'error'>, result: ActionResult<T>): IncidentPartResult {
  return result.ok ? { ...part, ok: true } : { ...part, ok: false, error: { code: result.error.code, message: result.error.message } };
}

/** One part as its own audited item, for the participant (or room) as just read. */
export async function runPart<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  input: Record<string, unknown>,
  listed: unknown,
  { actor, room, partOf }: PartContext,
): Promise<ActionResult<T>> {
  const [result] = await performEach(definition, [{ input: { room, ...input, partOf }, listed }], { actor, concurrency: 1 });
  return result!;
}

async function lockRoom(context: PartContext): Promise<IncidentLockResult> {
  const before = await roomAccessState(context.room);
  const result = await runPart(roomAccessPart, { mode: 'locked' }, before, context);
  if (!result.ok) return { ok: false, before: before.mode, error: result.error };
  return { ok: true, before: result.data.before, after: result.data.mode };
}

/**
 * One participant of the incident, under their lock: read, checked against the version the preview
 * showed, then each part audited on its own. Returns what to record for Undo (null: nothing done).
 */
async function quietParticipant(
  target: BulkTargetInput,
  context: PartContext,
): Promise<{ result: IncidentParticipantResult; record: IncidentParticipantRecord | null }> {
  const { room } = context;
  return withParticipantLock(room, target.identity, async () => {
    const current = await livekit.findParticipant(room, target.identity);
    const refused = (participant: ParticipantView | undefined, error: { code: string; message: string }) => ({
      result: { identity: target.identity, name: participant ? shownName(participant) : target.identity, ok: false, parts: [], error },
      record: null,
    });
    if (!current) return refused(undefined, { code: 'not_found', message: `${target.identity} left before the incident reached them` });
    if (target.version !== undefined && previewVersion('incident', current) !== target.version) {
      return refused(current, previewConflict('incident', current).error);
    }
    const plan = plannedChange('incident', current);
    if (!plan) return refused(current, { code: 'failed_precondition', message: `Nothing to do for ${shownName(current)}` });

    const parts: IncidentPartResult[] = [];
    let state = current;
    for (const track of plan.mute) {
      const muted = await runPart(muteTrackPart, { identity: current.identity, trackSid: track.sid }, state, context);
      parts.push(partResult({ part: 'mute', trackSid: track.sid, trackName: track.name || track.source }, muted));
    }
    let permissionAfter = null;
    if (plan.demote) {
      const demoted = await runPart(demotePart, { identity: current.identity }, state, context);
      parts.push(partResult({ part: 'demote' }, demoted));
      if (demoted.ok) [state, permissionAfter] = [demoted.data, demoted.data.permission];
    }
    if (plan.lowerHand) {
      parts.push(partResult({ part: 'hand' }, await runPart(lowerHandPart, { identity: current.identity }, state, context)));
    }
    const done = (part: IncidentPartResult['part']) => parts.filter((p) => p.part === part && p.ok);
    const record: IncidentParticipantRecord = {
      identity: current.identity,
      name: shownName(current),
      sid: current.sid,
      permissionBefore: current.permission,
      permissionAfter,
      mutedTracks: done('mute').map((part) => ({ sid: part.trackSid!, name: part.trackName ?? '' })),
      handLowered: done('hand').length > 0,
    };
    const ok = parts.every((part) => part.ok);
    return { result: { identity: current.identity, name: shownName(current), ok, parts }, record: parts.some((p) => p.ok) ? record : null };
  });
}

/**
 * The incident: lock the room first (so nobody new arrives meanwhile), then each previewed participant
 * with bounded concurrency; what each had before is stored for Undo.
 */
export async function runIncident(
  room: string,
  targets: BulkTargetInput[],
  { actor, auditId }: { actor: Actor; auditId: number | undefined },
): Promise<IncidentSummary> {
  if (auditId === undefined) throw new Error('an incident runs only as an audited action');
  const db = await database();
  const incidentId = await insertIncident(db, { room, auditId, startedBy: actor.email });
  const context: PartContext = { actor, room, partOf: auditId };
  const lock = await lockRoom(context);
  if (lock.ok) await recordAccessBefore(db, incidentId, lock.before ?? null);
  const unique = [...new Map(targets.map((target) => [target.identity, target])).values()];
  const participants = await mapWithConcurrency(unique, INCIDENT_CONCURRENCY, async (target) => {
    const { result, record } = await quietParticipant(target, context);
    if (record) await appendIncidentParticipant(db, incidentId, record);
    return result;
  });
  return { incidentId, room, lock, participants, ...countOutcomes(participants) };
}
