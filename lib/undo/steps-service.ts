import 'server-only';
import { database, type AuditRow } from '@/lib/db';
import { describeBan, dropEjectionsOfBan, liftBanRow } from '@/lib/bans/store';
import { withLock } from '@/lib/db/locks';
import { loadPresets, savePresetRow } from '@/lib/presets/store';
import { banById, bansOfKick } from '@/lib/undo/store';
import { HAND_ATTRIBUTE, handRaisedAt } from '@/lib/hands/shared';
import * as livekit from '@/lib/livekit';
import type { ParticipantView, PermissionView } from '@/lib/livekit/types';
import type { Actor } from '@/lib/actions/gate';
import { ActionRefusal } from '@/lib/actions/define-action';
import { isParticipant, withParticipantLock } from '@/lib/participants/service';
import { changeStage } from '@/lib/participants/stage-service';
import { presetVersion, STAGE_PRESETS, type PresetPermission, type StagePreset } from '@/lib/presets/shared';
import type { ActionErrorCode, FieldConflict } from '@/lib/actions/result';
import { permissionFieldVersion, versionOf, type PermissionField } from '@/lib/actions/versions';

/** What one undo did, in words for the moderator, and the participant as it is now when it changed one. */
export interface UndoneStep {
  message: string;
  participant?: ParticipantView;
}

type Step = (row: AuditRow, actor: Actor) => Promise<UndoneStep>;

const refuse = (code: ActionErrorCode, message: string, conflicts?: FieldConflict[]): never => {
  throw new ActionRefusal({ code, message, ...(conflicts && { conflicts }) });
};

const PERMISSION_FIELDS: PermissionField[] = ['canSubscribe', 'canPublish', 'canPublishData', 'canPublishSources', 'canUpdateMetadata', 'hidden'];

/** The permission fields that differ, sources compared as a set. */
function changedPermissionFields(now: PermissionView, then: PermissionView): FieldConflict[] {
  return PERMISSION_FIELDS.filter((field) => permissionFieldVersion(field, now[field]) !== permissionFieldVersion(field, then[field])).map(
    (field) => ({ field: `permission.${field}`, current: now[field], version: permissionFieldVersion(field, now[field]) }),
  );
}

function snapshots(row: AuditRow): { before: ParticipantView; after: ParticipantView } {
  const { before, after } = row;
  if (!isParticipant(before) || !isParticipant(after)) {
    return refuse('failed_precondition', `Entry #${row.id} has no record of the participant before and after; it cannot be undone`);
  }
  return { before, after };
}

/** The same session that the entry changed, as LiveKit has it now; refused when it left or rejoined since. */
async function sameSession(row: AuditRow, after: ParticipantView): Promise<ParticipantView> {
  const who = after.name || after.identity;
  const current = await livekit.findParticipant(row.room!, after.identity);
  if (!current) return refuse('failed_precondition', `${who} has left ${row.room}; there is nothing to restore`);
  if (current.sid !== after.sid) return refuse('conflict', `${who} left ${row.room} and joined again since; the new session is not restored`);
  return current;
}

/** Promote, demote, a preset, a permission save: the whole permission before, unless it changed since. */
const restorePermission: Step = async (row, actor) => {
  const { before, after } = snapshots(row);
  const who = after.name || after.identity;
  return withParticipantLock(row.room!, after.identity, async () => {
    const current = await sameSession(row, after);
    const changed = changedPermissionFields(current.permission, after.permission);
    if (changed.length > 0) {
      const fields = changed.map((conflict) => conflict.field.slice('permission.'.length)).join(', ');
      refuse('conflict', `${who}'s permission changed since (${fields}), by another moderator or a server call; undo would overwrite that`, changed);
    }
    const permission = restored(row, before.permission, after.permission);
    const participant = await changeStage(row.room!, current, { permission }, { ending: { reason: 'demoted', by: actor.email, note: `undo of entry #${row.id}` } });
    return { message: `Restored ${who}'s permission as it was before`, participant };
  });
};

/**
 * The permission before, field by field for the fields the action writes; the others as they were
 * after it. Those are equal to before unless another moderator's change landed between the entry's
 * "before" (read before the participant's lock) and the action's write: undo keeps that change.
 */
export function restored(row: AuditRow, before: PermissionView, after: PermissionView): PermissionView {
  const asked = row.action === 'participants.setPermissions' ? (row.input as { permission?: Record<string, unknown> } | null)?.permission : undefined;
  // a preset sets every field but hidden; a save sets the fields it was given, and hiding turns data off
  const written = asked
    ? PERMISSION_FIELDS.filter((field) => field in asked || (field === 'canPublishData' && asked.hidden === true))
    : PERMISSION_FIELDS.filter((field) => field !== 'hidden');
  return { ...after, ...Object.fromEntries(written.map((field) => [field, before[field]])) };
}

/** A mute: unmuted again (LiveKit allows it only with room.enable_remote_unmute), unless it changed since. */
const unmuteAgain: Step = async (row) => {
  const { after } = snapshots(row);
  const who = after.name || after.identity;
  const current = await sameSession(row, after);
  const track = current.tracks.find((candidate) => candidate.sid === row.targetTrack);
  if (!track) return refuse('failed_precondition', `${who} no longer publishes that track`);
  if (!track.muted) return refuse('conflict', `${who}'s track is unmuted already (by the participant or another moderator)`);
  const unmuted = await livekit.mutePublishedTrack(row.room!, after.identity, track.sid, false, current);
  return {
    message: `Unmuted ${who}'s ${track.source === 'unknown' ? 'track' : track.source.replaceAll('_', ' ')} again`,
    participant: { ...current, tracks: current.tracks.map((candidate) => (candidate.sid === unmuted.sid ? unmuted : candidate)) },
  };
};

/** A lowered hand: raised again with the value it had, unless the participant raised it anew since. */
const raiseHandAgain: Step = async (row) => {
  const { before, after } = snapshots(row);
  const who = after.name || after.identity;
  const hand = before.attributes[HAND_ATTRIBUTE] ?? '';
  if (handRaisedAt(before.attributes) === null) return refuse('failed_precondition', `${who}'s hand was not raised before`);
  return withParticipantLock(row.room!, after.identity, async () => {
    const current = await sameSession(row, after);
    const handNow = current.attributes[HAND_ATTRIBUTE] ?? '';
    if (handNow !== (after.attributes[HAND_ATTRIBUTE] ?? '')) {
      refuse('conflict', `${who} raised their hand again since`, [
        { field: `attributes.${HAND_ATTRIBUTE}`, current: handNow, version: versionOf(handNow) },
      ]);
    }
    const participant = await livekit.updateParticipant(row.room!, after.identity, { attributes: { [HAND_ATTRIBUTE]: hand } });
    return { message: `Raised ${who}'s hand again`, participant };
  });
};

const CANNOT_READD = (identity: string, room: string) =>
  `LiveKit cannot put ${identity} back into ${room}: they can rejoin with their app`;

/** A ban: lifted, unless someone lifted it already. The participant it removed stays out of the room until they rejoin. */
const liftTheBan: Step = async (row, actor) => {
  const after = row.after as { ban?: { id?: unknown }; removed?: unknown } | null;
  const banId = typeof after?.ban?.id === 'number' ? after.ban.id : refuse('failed_precondition', `Entry #${row.id} does not say which ban it made`);
  const db = await database();
  const lifted = await liftBanRow(db, banId, actor.email);
  if (!lifted) {
    const ban = await banById(db, banId);
    const how = ban?.liftedAt ? `lifted by ${ban.liftedBy ?? 'someone'} at ${ban.liftedAt.toISOString()}` : 'over (it expired)';
    return refuse('conflict', `The ban on ${row.targetIdentity} is ${how} already`);
  }
  await dropEjectionsOfBan(db, banId);
  const removed = after?.removed === true ? ` ${CANNOT_READD(lifted.identity, row.room!)}.` : '';
  return { message: `Lifted the ban (${describeBan(lifted)}).${removed}` };
};

/**
 * A kick cannot be taken back: the ban made with it (banParticipant's kickEntryId) is lifted, and the
 * answer says so. Any other ban on them, whoever made it and whenever, stays: it is undone on its own.
 */
const afterKick: Step = async (row, actor) => {
  const db = await database();
  const identity = row.targetIdentity!;
  const lifted: string[] = [];
  for (const ban of await bansOfKick(db, row.id)) {
    const done = await liftBanRow(db, ban.id, actor.email);
    if (!done) continue;
    await dropEjectionsOfBan(db, ban.id);
    lifted.push(describeBan(done));
  }
  const which = lifted.length === 1 ? 'the ban' : `${lifted.length} bans`;
  const bans = lifted.length > 0 ? `Lifted ${which} (${lifted.join('; ')}). ` : 'No ban to lift. ';
  return { message: `${bans}${CANNOT_READD(identity, row.room!)}.` };
};

function isPresetPermission(value: unknown): value is PresetPermission {
  return typeof value === 'object' && value !== null && 'canPublishSources' in value && 'canPublish' in value;
}


/** An admin's edit of a preset: the preset before, unless it was edited again since. */
const restorePreset: Step = async (row, actor) => {
  const name = (row.input as { preset?: unknown } | null)?.preset;
  const { before, after } = row;
  if (!STAGE_PRESETS.includes(name as StagePreset) || !isPresetPermission(before) || !isPresetPermission(after)) {
    return refuse('failed_precondition', `Entry #${row.id} has no record of the preset before and after; it cannot be undone`);
  }
  const preset = name as StagePreset;
  return withLock(`preset:${preset}`, async () => {
    const db = await database();
    const current = (await loadPresets(db))[preset];
    if (presetVersion(current) !== presetVersion(after)) refuse('conflict', `The ${preset} preset was edited again since; undo would overwrite that`);
    await savePresetRow(db, preset, before, actor.email);
    return { message: `Restored the ${preset} preset as it was before` };
  });
};

/** What undoing each kind of entry does; bulk requests are undone item by item (lib/undo/actions.ts). */
export const UNDO_STEPS: Record<string, Step> = {
  'participants.promote': restorePermission,
  'participants.demote': restorePermission,
  'participants.applyPreset': restorePermission,
  'participants.setPermissions': restorePermission,
  'tracks.mute': unmuteAgain,
  'hands.dismiss': raiseHandAgain,
  'bans.create': liftTheBan,
  'participants.remove': afterKick,
  'presets.save': restorePreset,
};

export const BULK_ACTIONS = new Set(['bulk.muteAllButHosts', 'bulk.demoteSpeakers', 'bulk.lowerHands', 'bulk.remove']);

/** The entries whose undo changes a participant in LiveKit (its audit entry shows them before and after). */
export const PARTICIPANT_STEPS = new Set(
  Object.entries(UNDO_STEPS)
    .filter(([, step]) => step !== liftTheBan && step !== afterKick && step !== restorePreset)
    .map(([action]) => action),
);
