import type { PermissionView } from '@/lib/livekit/types';

/**
 * A permission in one short, stable string (`subscribe publish data metadata sources=camera,microphone`),
 * on each row as `data-permission`: the browser tests and the fidelity benchmark compare the screen
 * with ListParticipants through it, since most of the permission shows only as the role.
 */
export function permissionSignature(permission: PermissionView): string {
  const flags = [
    permission.canSubscribe && 'subscribe',
    permission.canPublish && 'publish',
    permission.canPublishData && 'data',
    permission.canUpdateMetadata && 'metadata',
    permission.hidden && 'hidden',
  ].filter(Boolean);
  return [...flags, `sources=${[...permission.canPublishSources].sort().join(',')}`].join(' ');
}
