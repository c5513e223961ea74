'use server';

import { z } from 'zod';
import { env } from '@/lib/env';
import * as livekit from '@/lib/livekit';
import { defineAction } from './define-action';
import { database } from '@/lib/db';
import { loadPresets } from '@/lib/db/presets';
import { isParticipant, participantState } from './participant-state';
import { applyPreset, STAGE_PRESETS, type StagePreset } from './presets';
import { muteTrackDefinition, unmuteTrackDefinition } from './track-mute';
import {
  attributesChange,
  displayName,
  identity,
  metadataSchema,
  participantRef,
  permissionSet,
  roomName,
} from './schemas';

export const listParticipants = defineAction({
  name: 'participants.list',
  access: 'read',
  input: z.strictObject({ room: roomName }),
  run: async ({ room }) => livekit.listParticipants(room),
});

export const getParticipant = defineAction({
  name: 'participants.get',
  access: 'read',
  input: participantRef,
  run: async ({ room, identity }) => livekit.getParticipant(room, identity),
});

async function moveOnStage(room: string, who: string, preset: StagePreset, before?: unknown) {
  const [current, presets] = await Promise.all([
    isParticipant(before) && before.identity === who ? before : livekit.getParticipant(room, who),
    loadPresets(await database()),
  ]);
  return livekit.updateParticipant(room, who, { permission: applyPreset(current.permission, presets[preset]) });
}

export const applyStagePreset = defineAction({
  name: 'participants.applyPreset',
  access: 'moderate',
  input: z.strictObject({ room: roomName, identity, preset: z.enum(STAGE_PRESETS) }),
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity, preset }, { before }) => moveOnStage(room, identity, preset, before),
});

export const promoteToSpeaker = defineAction({
  name: 'participants.promote',
  access: 'moderate',
  input: participantRef,
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity }, { before }) => moveOnStage(room, identity, 'speaker', before),
});

export const demoteToAudience = defineAction({
  name: 'participants.demote',
  access: 'moderate',
  input: participantRef,
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity }, { before }) => moveOnStage(room, identity, 'audience', before),
});

export const setPermissions = defineAction({
  name: 'participants.setPermissions',
  access: 'moderate',
  input: z.strictObject({ room: roomName, identity, permission: permissionSet }),
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity, permission }) => livekit.updateParticipant(room, identity, { permission }),
});

export const updateMetadata = defineAction({
  name: 'participants.updateMetadata',
  access: 'moderate',
  input: z.strictObject({ room: roomName, identity, metadata: metadataSchema(env().maxMetadataBytes) }),
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity, metadata }) => livekit.updateParticipant(room, identity, { metadata }),
});

export const updateAttributes = defineAction({
  name: 'participants.updateAttributes',
  access: 'moderate',
  input: attributesChange,
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity, set, remove }) =>
    livekit.updateParticipant(room, identity, {
      attributes: { ...set, ...Object.fromEntries(remove.map((key) => [key, ''])) },
    }),
});

export const updateName = defineAction({
  name: 'participants.updateName',
  access: 'moderate',
  input: z.strictObject({ room: roomName, identity, name: displayName }),
  snapshot: participantState,
  resultIsAfter: true,
  run: async ({ room, identity, name }) => livekit.updateParticipant(room, identity, { name }),
});

export const removeParticipant = defineAction({
  name: 'participants.remove',
  access: 'moderate',
  input: participantRef,
  snapshot: participantState,
  run: async ({ room, identity }) => {
    await livekit.removeParticipant(room, identity);
    return { room, identity };
  },
});

export const muteTrack = defineAction(muteTrackDefinition);

export const unmuteTrack = defineAction(unmuteTrackDefinition);
