import { afterEach, describe, expect, it, vi } from 'vitest';
import { SignedOnceRoomService } from '@/lib/livekit/signed-client';

/** The claims of the header's JWT (its middle part). */
const bearer = (header: Record<string, string>): { video?: unknown; exp?: number } =>
  JSON.parse(Buffer.from(header.Authorization!.replace('Bearer ', '').split('.')[1]!, 'base64url').toString());

describe('SignedOnceRoomService', () => {
  afterEach(() => vi.useRealTimers());

  it('signs one token per grant and reuses it until half its life is gone', async () => {
    vi.useFakeTimers({ now: new Date('2026-12-03T12:00:00Z') });
    const service = new SignedOnceRoomService('http://127.0.0.1:7880', 'devkey', 'secret-secret-secret-secret-secret');
    const stage = await service.authHeader({ roomAdmin: true, room: 'stage' });
    expect(await service.authHeader({ roomAdmin: true, room: 'stage' })).toBe(stage);
    expect(bearer(stage).video).toEqual({ roomAdmin: true, room: 'stage' });

    const lobby = await service.authHeader({ roomAdmin: true, room: 'lobby' });
    expect(bearer(lobby).video).toEqual({ roomAdmin: true, room: 'lobby' });

    vi.setSystemTime(new Date('2026-12-03T12:05:01Z'));
    const renewed = await service.authHeader({ roomAdmin: true, room: 'stage' });
    expect(renewed).not.toBe(stage);
    // still valid for the SDK's whole ten minutes from when it was signed
    expect(bearer(renewed).exp! * 1000 - Date.now()).toBeGreaterThan(9 * 60_000);
  });
});
