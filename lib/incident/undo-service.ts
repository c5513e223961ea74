import 'server-only';
import { database } from '@/lib/db';
import { incidentParticipants, incidentStillRunning, loadIncident, markUndone, type IncidentParticipantRecord } from '@/lib/incident/store';
import { withLock } from '@/lib/db/locks';
import { mapWithConcurrency } from '@/lib/concurrency';
import { permissionSignature } from '@/lib/live/permission-signature';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import type { ParticipantView } from '@/lib/livekit/types';
import { roomAccessState, type RoomAccessMode } from '@/lib/access/service';
import { ActionRefusal } from '@/lib/actions/define-action';
import type { Actor } from '@/lib/actions/gate';
import { restorePermissionPart, roomAccessPart, unmuteTrackPart } from './parts-service';
import { INCIDENT_CONCURRENCY, partResult, runPart, shownName, type PartContext } from './run-service';
import { countOutcomes, type IncidentLockResult, type IncidentParticipantResult, type IncidentPartResult, type IncidentSummary } from './shared';
import { stageRole } from '@/lib/presets/shared';
import { withParticipantLock } from '@/lib/participants/service';

const REMOTE_UNMUTE_OFF = 'remote_unmute_disabled';

/** Whether the LiveKit server refused a remote unmute once: then every other track stays muted too, without asking. */
interface UnmuteState {
  disabled: boolean;
}

function stayMutedNote(tracks: string[]): string {
  return `${tracks.join(', ')} stay${tracks.length === 1 ? 's' : ''} muted: remote unmute is off on this LiveKit server (room.enable_remote_unmute), so only the participant can unmute`;
}

/** LiveKit removes the tracks of a source a participant may no longer publish: moving a speaker to the audience unpublishes theirs. */
function unpublishedNote(tracks: string[]): string {
  return `${tracks.join(', ')} ${tracks.length === 1 ? 'was' : 'were'} unpublished when LiveKit took away the permission to publish; their app publishes again now that it may`;
}

async function unmuteTracks(
  record: IncidentParticipantRecord,
  current: ParticipantView,
  context: PartContext,
  unmute: UnmuteState,
): Promise<{ parts: IncidentPartResult[]; stayMuted: string[]; unpublished: string[] }> {
  const parts: IncidentPartResult[] = [];
  const stayMuted: string[] = [];
  const unpublished: string[] = [];
  let state = current;
  for (const { sid, name } of record.mutedTracks) {
    const track = state.tracks.find((candidate) => candidate.sid === sid);
    if (!track) {
      unpublished.push(name || sid);
      continue;
    }
    // unmuted by the participant already: nothing to restore
    if (!track.muted) continue;
    if (unmute.disabled) {
      stayMuted.push(name || sid);
      continue;
    }
    const result = await runPart(unmuteTrackPart, { identity: record.identity, trackSid: sid }, state, context);
    if (!result.ok && result.error.code === REMOTE_UNMUTE_OFF) {
      unmute.disabled = true;
      stayMuted.push(name || sid);
      continue;
    }
    parts.push(partResult({ part: 'unmute', trackSid: sid, trackName: name }, result));
    if (result.ok) state = { ...state, tracks: state.tracks.map((t) => (t.sid === sid ? result.data : t)) };
  }
  return { parts, stayMuted, unpublished };
}

/** What the incident left this participant; anything else means someone changed them since. */
const expectedPermission = (record: IncidentParticipantRecord) => record.permissionAfter ?? record.permissionBefore;

async function restoreParticipant(record: IncidentParticipantRecord, context: PartContext, unmute: UnmuteState): Promise<IncidentParticipantResult> {
  return withParticipantLock(context.room, record.identity, async () => {
    const refused = (code: string, message: string): IncidentParticipantResult => ({
      identity: record.identity,
      name: record.name,
      ok: false,
      parts: [],
      error: { code, message },
    });
    const current = await livekit.findParticipant(context.room, record.identity);
    if (!current) return refused('not_found', `${record.name} has left; nothing restored`);
    if (current.sid !== record.sid) return refused('conflict', `${shownName(current)} left and joined again since the incident; left as it is`);
    if (permissionSignature(current.permission) !== permissionSignature(expectedPermission(record))) {
      return refused(
        'conflict',
        `${shownName(current)}'s permissions changed since the incident (now ${stageRole(current.permission)}); left as it is`,
      );
    }
    const parts: IncidentPartResult[] = [];
    let state = current;
    if (record.permissionAfter) {
      const restored = await runPart(restorePermissionPart, { identity: record.identity, permission: record.permissionBefore }, state, context);
      parts.push(partResult({ part: 'permission' }, restored));
      if (restored.ok) state = restored.data;
    }
    const tracks = await unmuteTracks(record, state, context, unmute);
    parts.push(...tracks.parts);
    const notes = [
      tracks.stayMuted.length > 0 && stayMutedNote(tracks.stayMuted),
      tracks.unpublished.length > 0 && unpublishedNote(tracks.unpublished),
      parts.length === 0 && tracks.stayMuted.length + tracks.unpublished.length === 0 && 'Nothing to restore (a lowered hand stays lowered)',
    ].filter((note): note is string => typeof note === 'string');
    return {
      identity: record.identity,
      name: shownName(current),
      ok: parts.every((part) => part.ok),
      parts,
      ...(notes.length > 0 && { note: notes.join('; ') }),
    };
  });
}

/** The access before the incident, unless someone changed the lock since. */
async function restoreAccess(accessBefore: string | null, context: PartContext): Promise<IncidentLockResult> {
  const now = await roomAccessState(context.room);
  if (accessBefore === null) return { ok: true, before: now.mode, after: now.mode };
  if (now.mode !== 'locked') {
    return {
      ok: false,
      before: now.mode,
      error: { code: 'conflict', message: `The room's access was changed to ${now.mode} since the incident; left as it is` },
    };
  }
  if (accessBefore === 'locked') return { ok: true, before: 'locked', after: 'locked' };
  const result = await runPart(roomAccessPart, { mode: accessBefore as RoomAccessMode }, now, context);
  if (!result.ok) return { ok: false, before: now.mode, error: result.error };
  return { ok: true, before: result.data.before, after: result.data.mode };
}

/**
 * Undo incident: each participant's whole permission from before and the tracks it muted (where
 * LiveKit allows a remote unmute), and the room's access from before; a participant (or the lock)
 * changed since is reported and left as it is. Once per incident, across replicas, and only once the
 * incident's run has finished.
 */
export async function runUndo(room: string, incidentId: number, { actor, auditId }: { actor: Actor; auditId: number | undefined }): Promise<IncidentSummary> {
  if (auditId === undefined) throw new Error('an undo runs only as an audited action');
  return withLock(`incident:${incidentId}`, async () => {
    const db = await database();
    const incident = await loadIncident(db, incidentId);
    if (!incident || incident.room !== room) throw new LiveKitError('not_found', `There is no incident ${incidentId} in ${room}`);
    if (incident.undoneAt) {
      throw new ActionRefusal({
        code: 'conflict',
        message: `Incident ${incidentId} was already undone at ${incident.undoneAt.toISOString()} by ${incident.undoneBy ?? 'someone'}`,
      });
    }
    // its row (and Undo) exist before the first participant is handled; undone halfway, the rest would stay quieted
    if (await incidentStillRunning(db, incident)) {
      throw new ActionRefusal({
        code: 'still_running',
        message: `Incident ${incidentId} is still running (${incidentParticipants(incident).length} participant(s) handled so far); undo it once it has finished`,
      });
    }
    const context: PartContext = { actor, room: incident.room, partOf: auditId };
    const unmute: UnmuteState = { disabled: false };
    const participants = await mapWithConcurrency(incidentParticipants(incident), INCIDENT_CONCURRENCY, (record) =>
      restoreParticipant(record, context, unmute),
    );
    const lock = await restoreAccess(incident.accessBefore, context);
    await markUndone(db, incidentId, { by: actor.email, auditId });
    return { incidentId, room: incident.room, lock, participants, ...countOutcomes(participants) };
  });
}
