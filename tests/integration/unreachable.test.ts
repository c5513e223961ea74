import { describe, expect, it } from 'vitest';
import { freePort } from '../../scripts/lib/livekit-server';

const closedPort = await freePort();
process.env.LIVEKIT_URL = `http://127.0.0.1:${closedPort}`;
process.env.LIVEKIT_API_KEY = 'devkey';
process.env.LIVEKIT_API_SECRET = 'secret';
const { listRooms } = await import('@/lib/rooms/actions');
const { promoteToSpeaker } = await import('@/lib/participants/actions');

describe('LiveKit unreachable', () => {
  it('reads and writes fail with "Cannot reach LiveKit at …", not a stack trace', async () => {
    for (const result of [await listRooms(), await promoteToSpeaker({ room: 'r', identity: 'a' })]) {
      expect(result).toEqual({
        ok: false,
        error: {
          code: 'unreachable',
          message: expect.stringMatching(new RegExp(`^Cannot reach LiveKit at http://127\\.0\\.0\\.1:${closedPort} \\(ECONNREFUSED\\)$`)),
        },
      });
    }
  });
});
