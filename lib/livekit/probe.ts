import 'server-only';
import { env } from '@/lib/env';
import { LiveKitError } from './errors';
import { listRooms } from './index';

export interface LiveKitProbe {
  url: string;
  /** GET / answered (LiveKit's own health check: 200 OK, 406 when the node's stats are stale) */
  health: { answered: true; status: number; latencyMs: number } | { answered: false; reason: string };
  /** an authenticated call (ListRooms): accepted, refused for the key, or failed otherwise */
  credentials: { accepted: true; rooms: number; latencyMs: number } | { accepted: false; code: string; message: string };
}

/** LiveKit's health check and one authenticated call, each timed; never throws. */
export async function probeLiveKit(timeoutMs = 5_000): Promise<LiveKitProbe> {
  const { apiUrl } = env().livekit;
  return { url: apiUrl, health: await probeHealth(apiUrl, timeoutMs), credentials: await probeCredentials() };
}

async function probeHealth(apiUrl: string, timeoutMs: number): Promise<LiveKitProbe['health']> {
  const started = performance.now();
  try {
    const response = await fetch(`${apiUrl}/`, { signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
    return { answered: true, status: response.status, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { answered: false, reason: error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error) };
  }
}

async function probeCredentials(): Promise<LiveKitProbe['credentials']> {
  const started = performance.now();
  try {
    const rooms = await listRooms();
    return { accepted: true, rooms: rooms.length, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (error instanceof LiveKitError) return { accepted: false, code: error.code, message: error.message };
    return { accepted: false, code: 'internal', message: error instanceof Error ? error.message : String(error) };
  }
}
