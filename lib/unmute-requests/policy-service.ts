import 'server-only';
import { env } from '@/lib/env';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { OBSERVER_IDENTITY_PREFIX } from '@/lib/live/observer-identity';

/**
 * Whether the row offers a plain Unmute (the LiveKit server allows remote unmute) or Ask to unmute.
 * A server's setting changes only when it restarts, so the answer is kept for a minute per server
 * and process: losing it costs one more probe. Null when nobody is in the room to probe with.
 */
const REMEMBER_MS = 60_000;
const remembered = new Map<string, { allowed: boolean; at: number }>();

export async function remoteUnmutePolicy(room: string, present?: string): Promise<boolean | null> {
  const server = env().livekit.apiUrl;
  const known = remembered.get(server);
  if (known && Date.now() - known.at < REMEMBER_MS) return known.allowed;
  const target = present ?? (await probeTarget(room));
  if (!target) return null;
  try {
    const allowed = await livekit.remoteUnmuteAllowed(room, target);
    remembered.set(server, { allowed, at: Date.now() });
    return allowed;
  } catch (error) {
    if (error instanceof LiveKitError && error.code === 'not_found') return null;
    throw error;
  }
}

/** An observer of a dashboard tab, if there is one (the probe's no-op reaches it rather than a person), or anyone in the room. */
async function probeTarget(room: string): Promise<string | undefined> {
  const participants = await livekit.listParticipants(room);
  return (participants.find((p) => p.identity.startsWith(OBSERVER_IDENTITY_PREFIX)) ?? participants[0])?.identity;
}

/**
 * Whether a mute in `room` can be undone (the server allows remote unmute); false when it cannot tell.
 * `present`: someone known to be in the room (the participant just muted), so probing lists nobody.
 */
export async function remoteUnmuteAllowedIn(room: string, present?: string): Promise<boolean> {
  return (await remoteUnmutePolicy(room, present).catch(() => null)) === true;
}
