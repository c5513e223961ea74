import 'server-only';
import type { BulkItemResult } from '@/lib/bulk/shared';
import { z } from 'zod';
import { database } from '@/lib/db';
import { loadPresets } from '@/lib/presets/store';
import { HAND_ATTRIBUTE, handRaisedAt } from '@/lib/hands/shared';
import { plannedChange, previewVersion, type BulkKind } from '@/lib/bulk/shared';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import { ActionRefusal, type ActionDefinition } from '@/lib/actions/define-action';
import { isParticipant, lockedParticipant, participantLock, participantState } from '@/lib/participants/service';
import { changeStage } from '@/lib/participants/stage-service';
import { applyPreset, stageRole } from '@/lib/presets/shared';
import { participantRef, trackRef, version } from '@/lib/actions/schemas';

/**
 * The items of a bulk request (bulk.ts): each is the single action under its own name and audit row,
 * plus `basedOn`, the version of the participant the moderator's preview showed. A participant
 * whose state the operation reads has changed since is refused with `conflict`, never overwritten.
 * Kept out of the 'use server' files: there every export is a public endpoint.
 */

export interface BulkTargetInput {
  identity: string;
  version?: string | undefined;
}

export interface Chosen {
  participant: ParticipantView;
  basedOn: string | undefined;
}

/**
 * The participants a bulk request applies to, from one listing: exactly its targets when it names
 * them (one who joined after the preview is not among them), or all the operation applies to now.
 * A target that left, or whose state changed since its preview, is reported and not touched.
 */
export async function chooseTargets(
  kind: BulkKind,
  room: string,
  targets: BulkTargetInput[] | undefined,
): Promise<{ chosen: Chosen[]; refused: BulkItemResult[] }> {
  // the request's "before": shared with a listing in flight, never with one that came before it
  const listing = await livekit.listParticipants(room, { inFlightOnly: true });
  if (!targets) {
    return { chosen: listing.filter((p) => plannedChange(kind, p) !== null).map((participant) => ({ participant, basedOn: undefined })), refused: [] };
  }
  const byIdentity = new Map(listing.map((participant) => [participant.identity, participant]));
  const chosen: Chosen[] = [];
  const refused: BulkItemResult[] = [];
  for (const { identity, version: basedOn } of new Map(targets.map((target) => [target.identity, target])).values()) {
    const participant = byIdentity.get(identity);
    if (!participant) {
      refused.push({ identity, ok: false, error: { code: 'not_found', message: `${identity} left before the action reached them` } });
    } else if (basedOn !== undefined && previewVersion(kind, participant) !== basedOn) {
      refused.push({ identity, ok: false, error: previewConflict(kind, participant).error });
    } else if (plannedChange(kind, participant) === null) {
      refused.push({ identity, ok: false, error: { code: 'failed_precondition', message: `Nothing to do for ${participant.name || identity}` } });
    } else {
      chosen.push({ participant, basedOn });
    }
  }
  return { chosen, refused };
}

const shownName = (participant: ParticipantView) => participant.name || participant.identity;

const ASPECT_WORDS: Record<BulkKind, string> = {
  mute: 'role or tracks',
  demote: 'permissions',
  hands: 'hand',
  remove: 'session',
  incident: 'permissions, tracks or hand',
};

export function previewConflict(kind: BulkKind, participant: ParticipantView): ActionRefusal {
  return new ActionRefusal({
    code: 'conflict',
    message: `${shownName(participant)}'s ${ASPECT_WORDS[kind]} changed since the preview; left as it is`,
  });
}

/** Refuses when `basedOn` is given and the participant is no longer the version the preview showed. */
export function refuseIfChangedSincePreview(kind: BulkKind, basedOn: string | undefined, participant: ParticipantView): void {
  if (basedOn !== undefined && previewVersion(kind, participant) !== basedOn) throw previewConflict(kind, participant);
}

const checkedTrack = trackRef.extend({ basedOn: version.optional() });
const checkedParticipant = participantRef.extend({ basedOn: version.optional() });

function withTrack(participant: ParticipantView, track: TrackView): ParticipantView {
  return { ...participant, tracks: participant.tracks.map((current) => (current.sid === track.sid ? track : current)) };
}

/** Checked against the request's listing: muting is no read-modify-write, and 500 tracks are too many to read again. */
export const bulkMuteItem = {
  name: 'tracks.mute',
  access: 'moderate',
  input: checkedTrack,
  snapshot: participantState,
  run: async ({ room, identity, trackSid, basedOn }, { before }) => {
    const listed = isParticipant(before) ? before : await livekit.getParticipant(room, identity);
    refuseIfChangedSincePreview('mute', basedOn, listed);
    return livekit.mutePublishedTrack(room, identity, trackSid, true, listed);
  },
  afterFrom: (before, track) => (isParticipant(before) ? withTrack(before, track) : undefined),
} satisfies ActionDefinition<typeof checkedTrack, TrackView>;

export const bulkDemoteItem = {
  name: 'participants.demote',
  access: 'moderate',
  input: checkedParticipant,
  snapshot: participantState,
  // under the lock, the request's listing is the base: one listing, then one write per target
  lock: participantLock,
  resultIsAfter: true,
  run: async ({ room, identity, basedOn }, context) => {
    const presets = await loadPresets(await database());
    const current = await lockedParticipant(context, room, identity);
    refuseIfChangedSincePreview('demote', basedOn, current);
    if (stageRole(current.permission) !== 'speaker') {
      throw new LiveKitError('failed_precondition', `${shownName(current)} is not a speaker`);
    }
    return changeStage(room, current, { permission: applyPreset(current.permission, presets.audience) }, { ending: { reason: 'demoted', by: context.actor.email } });
  },
} satisfies ActionDefinition<typeof checkedParticipant, ParticipantView>;

export const bulkLowerHandItem = {
  name: 'hands.dismiss',
  access: 'moderate',
  input: checkedParticipant,
  snapshot: participantState,
  lock: participantLock,
  resultIsAfter: true,
  run: async ({ room, identity, basedOn }, context) => {
    const current = await lockedParticipant(context, room, identity);
    refuseIfChangedSincePreview('hands', basedOn, current);
    if (handRaisedAt(current.attributes) === null) {
      throw new LiveKitError('failed_precondition', `${shownName(current)} has no raised hand`);
    }
    return livekit.updateParticipant(room, identity, { attributes: { [HAND_ATTRIBUTE]: '' } });
  },
} satisfies ActionDefinition<typeof checkedParticipant, ParticipantView>;

export const bulkRemoveItem = {
  name: 'participants.remove',
  access: 'moderate',
  input: checkedParticipant,
  snapshot: participantState,
  run: async ({ room, identity, basedOn }, { before }) => {
    const listed = isParticipant(before) ? before : await livekit.getParticipant(room, identity);
    refuseIfChangedSincePreview('remove', basedOn, listed);
    await livekit.removeParticipant(room, identity);
    return { room, identity };
  },
} satisfies ActionDefinition<typeof checkedParticipant, { room: string; identity: string }>;
