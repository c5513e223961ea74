import { randomUUID } from 'node:crypto';
import { afterEach, inject } from 'vitest';
import { RoomServiceClient, TrackSource } from 'livekit-server-sdk';
import { RealParticipant, type JoinOptions, type LiveKitTarget } from '../../scripts/lib/participant';

export { RealParticipant } from '../../scripts/lib/participant';
export type { RecordedEvent } from '../../scripts/lib/participant';

const joined = new Set<RealParticipant>();

afterEach(async () => {
  await Promise.all([...joined].map((participant) => participant.leave()));
  joined.clear();
});

export function testServer(which: 'standard' | 'remoteUnmute' = 'standard'): LiveKitTarget {
  return inject(which === 'standard' ? 'livekit' : 'livekitRemoteUnmute');
}

export function uniqueRoom(prefix = 'room'): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Joins a real participant; it leaves by itself after the test. */
export async function joinParticipant(
  options: Omit<JoinOptions, 'room'> & { room: string },
  target: LiveKitTarget = testServer(),
): Promise<RealParticipant> {
  const participant = await RealParticipant.join(target, options);
  joined.add(participant);
  return participant;
}

/** The server SDK used directly, as a second moderator or the `lk` CLI would. */
export function directRoomService(target: LiveKitTarget = testServer()): RoomServiceClient {
  return new RoomServiceClient(target.url, target.apiKey, target.apiSecret);
}

export async function eventually<T>(
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  { timeoutMs = 10_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    last = await probe();
  }
  return last;
}

/** A permission no preset gives: screen share only, no data, may update its own metadata. */
export const CUSTOM_PERMISSION = {
  canSubscribe: true,
  canPublish: true,
  canPublishData: false,
  canPublishSources: [TrackSource.SCREEN_SHARE],
  canUpdateMetadata: true,
  hidden: false,
};

/** CUSTOM_PERMISSION as the dashboard's participant views spell it */
export const CUSTOM_PERMISSION_VIEW = { ...CUSTOM_PERMISSION, canPublishSources: ['screen_share' as const] };

/** A participant joined as audience, then given CUSTOM_PERMISSION by LiveKit directly (not through the dashboard). */
export async function joinCustomMember(room: string, identity = 'member'): Promise<RealParticipant> {
  const member = await joinParticipant({ room, identity, grant: { canPublish: false } });
  await directRoomService().updateParticipant(room, identity, { permission: CUSTOM_PERMISSION });
  await member.waitFor('permissionChanged', (e) => e.data.canPublish === true && e.data.canPublishData === false);
  return member;
}
