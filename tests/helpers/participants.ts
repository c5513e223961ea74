import { randomUUID } from 'node:crypto';
import { afterEach, inject } from 'vitest';
import { RoomServiceClient } from 'livekit-server-sdk';
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
