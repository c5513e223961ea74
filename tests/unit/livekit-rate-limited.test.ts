import { describe, expect, it } from 'vitest';
import { ServerError } from 'livekit-server-sdk';
import { LiveKitError, toLiveKitError } from '@/lib/livekit/errors';

const URL = 'https://project.livekit.cloud';

describe("LiveKit's too many requests", () => {
  it.each([
    [429, 'resource_exhausted'],
    [429, undefined],
    [400, 'resource_exhausted'],
  ] as const)('HTTP %i / %s is rate_limited, with the wait LiveKit named', (status, code) => {
    const error = toLiveKitError(new ServerError('Too Many Requests', 'too many requests', status, code, { retry_after: '7' }), URL);
    expect(error).toBeInstanceOf(LiveKitError);
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(7000);
    expect(error.message).toBe(`LiveKit at ${URL} is refusing calls for now (too many requests); try again in 7 s`);
  });

  it('without a wait from LiveKit, a few seconds', () => {
    const error = toLiveKitError(new ServerError('Too Many Requests', 'slow down', 429, 'resource_exhausted'), URL);
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBeGreaterThan(0);
  });
});
