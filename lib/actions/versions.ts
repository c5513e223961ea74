import type { PermissionView } from '@/lib/livekit/types';

/**
 * LiveKit has no compare-and-set, so an editor sends, with each field it changes, the version of the
 * value it started from; the server re-reads the participant under the participant's lock and
 * refuses the save when that field has changed since. A version is a 64-bit hash of the value: no
 * server state, and the same on the browser and the server.
 */
export function versionOf(value: string): string {
  let h1 = 0xdeadbeef ^ value.length;
  let h2 = 0x41c6ce57 ^ value.length;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}

export const VERSION_PATTERN = /^[0-9a-f]{16}$/;

/** LiveKit treats an empty attribute as no attribute, so a missing key has the version of ''. */
export function attributeVersion(attributes: Record<string, string>, key: string): string {
  return versionOf(attributes[key] ?? '');
}

export type PermissionField = keyof PermissionView;

/** Sources are a set: their order does not make another version. */
export function permissionFieldVersion<F extends PermissionField>(field: F, value: PermissionView[F]): string {
  return versionOf(field === 'canPublishSources' ? JSON.stringify([...(value as string[])].sort()) : JSON.stringify(value));
}
