'use server';

import { z } from 'zod';
import { env } from '@/lib/env';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { defineAction } from '@/lib/actions/define-action';
import { slotSeconds } from '@/lib/timeboxes/schema';
import type { ParticipantView } from '@/lib/livekit/types';
import { refuseChangedFields } from './conflicts-service';
import { heldParticipant, lockedParticipant, participantLock, participantState } from './service';
import { STAGE_PRESETS } from '@/lib/presets/shared';
import { changeStage, demoteDefinition, moveOnStage, preparedPresets, readPresets } from './stage-service';
import { muteTrackDefinition, unmuteTrackDefinition } from './track-service';
import {
  attributesChange,
  displayName,
  identity,
  metadataSchema,
  participantRef,
  permissionChange,
  roomName,
  version,
} from '@/lib/actions/schemas';
import { attributeVersion, permissionFieldVersion, versionOf, type PermissionField } from '@/lib/actions/versions';

/**
 * A page replaces its whole table with this answer and counts the leaves its observer saw since it
 * asked (lib/live/observer-sync): a listing another caller got before the request would bring back
 * someone who left meanwhile, so only one asked for at or after it serves (one in flight or new).
 */
export const listParticipants = defineAction({
  name: 'participants.list',
  access: 'read',
  input: z.strictObject({ room: roomName }),
  run: async ({ room }, { calledAt }) => livekit.listParticipants(room, { since: calledAt }),
});

export const getParticipant = defineAction({
  name: 'participants.get',
  access: 'read',
  input: participantRef,
  run: async ({ room, identity }) => livekit.getParticipant(room, identity),
});

export const applyStagePreset = defineAction({
  name: 'participants.applyPreset',
  access: 'moderate',
  undoable: true,
  input: z.strictObject({ room: roomName, identity, preset: z.enum(STAGE_PRESETS) }),
  snapshot: participantState,
  lock: participantLock,
  prepare: readPresets,
  resultIsAfter: true,
  run: async ({ room, identity, preset }, context) =>
    moveOnStage(room, identity, preset, {
      current: heldParticipant(context),
      presets: preparedPresets(context),
      ending: { reason: 'demoted', by: context.actor.email },
    }),
});

/** With `slotSeconds`, the speaker's time-box starts (lib/timeboxes); without, one still running ends. */
export const promoteToSpeaker = defineAction({
  name: 'participants.promote',
  access: 'moderate',
  undoable: true,
  input: participantRef.extend({ slotSeconds: slotSeconds.optional() }),
  snapshot: participantState,
  lock: participantLock,
  prepare: readPresets,
  resultIsAfter: true,
  run: async ({ room, identity, slotSeconds }, context) =>
    moveOnStage(room, identity, 'speaker', {
      current: heldParticipant(context),
      presets: preparedPresets(context),
      slot: { seconds: slotSeconds, setBy: context.actor },
      ending: { reason: 'demoted', by: context.actor.email },
    }),
});

export const demoteToAudience = defineAction(demoteDefinition());

const shownName = (participant: ParticipantView) => participant.name || participant.identity;

/** Only the fields given change; the rest stay as they are inside the lock (another moderator's hide, say). */
export const setPermissions = defineAction({
  name: 'participants.setPermissions',
  access: 'moderate',
  undoable: true,
  input: permissionChange,
  snapshot: participantState,
  lock: participantLock,
  resultIsAfter: true,
  run: async ({ room, identity, permission, basedOn = {} }, context) => {
    if (permission.hidden && permission.canPublishData) {
      throw new LiveKitError(
        'invalid_argument',
        "A hidden participant cannot be allowed to publish data: its packets would carry no sender, like Stagekeeper's own notices",
      );
    }
    const current = await lockedParticipant(context, room, identity);
    refuseChangedFields(
      shownName(current),
      (Object.keys(permission) as PermissionField[]).map((field) => ({
        field: `permission.${field}`,
        basedOn: basedOn[field],
        current: current.permission[field],
        version: permissionFieldVersion(field, current.permission[field]),
      })),
    );
    return changeStage(room, current, { permission: { ...current.permission, ...permission } }, { ending: { reason: 'demoted', by: context.actor.email } });
  },
});

export const updateMetadata = defineAction({
  name: 'participants.updateMetadata',
  access: 'moderate',
  input: z.strictObject({ room: roomName, identity, metadata: metadataSchema(env().maxMetadataBytes), basedOn: version.optional() }),
  snapshot: participantState,
  lock: participantLock,
  resultIsAfter: true,
  run: async ({ room, identity, metadata, basedOn }, context) => {
    if (basedOn !== undefined) {
      const current = await lockedParticipant(context, room, identity);
      refuseChangedFields(shownName(current), [
        { field: 'metadata', basedOn, current: current.metadata, version: versionOf(current.metadata) },
      ]);
    }
    return livekit.updateParticipant(room, identity, { metadata });
  },
});

/** Only the keys set or removed are sent: LiveKit keeps every other attribute (a hand raised meanwhile). */
export const updateAttributes = defineAction({
  name: 'participants.updateAttributes',
  access: 'moderate',
  input: attributesChange,
  snapshot: participantState,
  lock: participantLock,
  resultIsAfter: true,
  run: async ({ room, identity, set, remove, basedOn }, context) => {
    if (basedOn !== undefined) {
      const current = await lockedParticipant(context, room, identity);
      refuseChangedFields(
        shownName(current),
        Object.entries(basedOn).map(([key, version]) => ({
          field: `attributes.${key}`,
          basedOn: version,
          current: current.attributes[key] ?? '',
          version: attributeVersion(current.attributes, key),
        })),
      );
    }
    return livekit.updateParticipant(room, identity, {
      attributes: { ...set, ...Object.fromEntries(remove.map((key) => [key, ''])) },
    });
  },
});

export const updateName = defineAction({
  name: 'participants.updateName',
  access: 'moderate',
  input: z.strictObject({ room: roomName, identity, name: displayName, basedOn: version.optional() }),
  snapshot: participantState,
  lock: participantLock,
  resultIsAfter: true,
  run: async ({ room, identity, name, basedOn }, context) => {
    if (basedOn !== undefined) {
      const current = await lockedParticipant(context, room, identity);
      refuseChangedFields(shownName(current), [{ field: 'name', basedOn, current: current.name, version: versionOf(current.name) }]);
    }
    return livekit.updateParticipant(room, identity, { name });
  },
});

export const removeParticipant = defineAction({
  name: 'participants.remove',
  access: 'moderate',
  undoable: true,
  input: participantRef,
  snapshot: participantState,
  lock: participantLock,
  run: async ({ room, identity }) => {
    await livekit.removeParticipant(room, identity);
    return { room, identity };
  },
  // removed: nobody to read again
  afterFrom: () => null,
});

export const muteTrack = defineAction(muteTrackDefinition);

export const unmuteTrack = defineAction(unmuteTrackDefinition);
