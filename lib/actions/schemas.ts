import { z } from 'zod';
import { TRACK_SOURCES } from '@/lib/livekit/types';
import { VERSION_PATTERN } from './versions';

/** LiveKit's own limits for names and identities (limit.max_room_name_length and friends). */
export const MAX_NAME_LENGTH = 256;

const boundedName = (what: string) =>
  z
    .string({ error: `${what} must be a string` })
    .min(1, `${what} is required`)
    .max(MAX_NAME_LENGTH, `${what} must be at most ${MAX_NAME_LENGTH} characters`)
    .refine((value) => value.trim() === value, `${what} must not start or end with spaces`);

export const roomName = boundedName('room name');
export const identity = boundedName('identity');
export const displayName = boundedName('name');
export const trackSid = z
  .string({ error: 'track sid must be a string' })
  .regex(/^TR_[A-Za-z0-9]{1,64}$/, 'track sid must look like TR_xxxx');

export const participantRef = z.strictObject({ room: roomName, identity });

export const trackRef = z.strictObject({ room: roomName, identity, trackSid });

export const permissionSet = z.strictObject({
  canSubscribe: z.boolean(),
  canPublish: z.boolean(),
  canPublishData: z.boolean(),
  canPublishSources: z.array(z.enum(TRACK_SOURCES)).max(TRACK_SOURCES.length),
  canUpdateMetadata: z.boolean(),
  hidden: z.boolean(),
});

/** The version of the value an editor started from (see versions.ts); the save is refused if it changed since. */
export const version = z.string({ error: 'a version must be a string' }).regex(VERSION_PATTERN, 'a version is 16 hex digits');

/**
 * The permission fields to change, laid over the participant's permission as it is when the change
 * is made; with `basedOn`, the version of each changed field the editor started from.
 */
export const permissionChange = z
  .strictObject({
    room: roomName,
    identity,
    permission: permissionSet.partial().refine((fields) => Object.keys(fields).length > 0, 'nothing to change: give at least one permission field'),
    basedOn: z.partialRecord(z.enum(Object.keys(permissionSet.shape) as [keyof typeof permissionSet.shape]), version).optional(),
  })
  .refine((change) => Object.keys(change.basedOn ?? {}).every((field) => Object.hasOwn(change.permission, field)), {
    message: 'basedOn names a permission field that is not changed',
    path: ['basedOn'],
  });

const jsonValue: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(jsonValue), z.record(z.string(), jsonValue)]),
);

const byteLength = (text: string) => new TextEncoder().encode(text).byteLength;

/**
 * Metadata is a string for LiveKit. A JSON object or array is accepted too and sent as JSON;
 * a string is sent exactly as given, so JSON text stays the JSON the moderator wrote.
 */
export function metadataSchema(maxBytes: number) {
  return z
    .union([z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)], {
      error: 'metadata must be a string or a JSON object/array',
    })
    .transform((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
    .refine((text) => text.length > 0, 'metadata cannot be empty: LiveKit ignores an empty update; send "{}" to clear JSON metadata')
    .superRefine((text, ctx) => {
      const bytes = byteLength(text);
      if (bytes > maxBytes) {
        ctx.addIssue({
          code: 'custom',
          message: `metadata is ${bytes.toLocaleString('en-US')} bytes; the limit is ${maxBytes.toLocaleString('en-US')} bytes`,
        });
      }
    });
}

/** LiveKit's limit.max_attributes_size default: all keys and values together. */
export const MAX_ATTRIBUTES_BYTES = 64 * 1024;

const attributeKey = z
  .string()
  .min(1, 'attribute keys cannot be empty')
  .max(MAX_NAME_LENGTH, `attribute keys must be at most ${MAX_NAME_LENGTH} characters`);

export const attributesChange = z
  .strictObject({
    room: roomName,
    identity,
    set: z
      .record(attributeKey, z.string().min(1, 'attribute values cannot be empty; list the key in remove instead'))
      .default({}),
    remove: z.array(attributeKey).max(1000).default([]),
    /** per key set or removed, the version of the value the editor started from */
    basedOn: z.record(attributeKey, version).optional(),
  })
  .refine((change) => Object.keys(change.set).length + change.remove.length > 0, {
    message: 'nothing to change: give attributes to set or keys to remove',
    path: ['set'],
  })
  .refine((change) => !change.remove.some((key) => Object.hasOwn(change.set, key)), {
    message: 'a key cannot be both set and removed',
    path: ['remove'],
  })
  .refine((change) => Object.keys(change.basedOn ?? {}).every((key) => Object.hasOwn(change.set, key) || change.remove.includes(key)), {
    message: 'basedOn names a key that is neither set nor removed',
    path: ['basedOn'],
  })
  .refine(
    (change) =>
      Object.entries(change.set).reduce((total, [key, value]) => total + byteLength(key) + byteLength(value), 0) <=
      MAX_ATTRIBUTES_BYTES,
    { message: `attributes may total at most ${MAX_ATTRIBUTES_BYTES.toLocaleString('en-US')} bytes`, path: ['set'] },
  );
