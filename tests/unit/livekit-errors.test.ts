import { describe, expect, it } from 'vitest';
import { ServerError } from 'livekit-server-sdk';
import { LiveKitError, toLiveKitError } from '@/lib/livekit/errors';

const URL = 'http://livekit.example:7880';

describe('toLiveKitError', () => {
  it.each([
    [404, 'not_found', 'requested room does not exist', 'not_found'],
    [403, 'permission_denied', 'invalid token', 'permission_denied'],
    [401, 'unauthenticated', 'no token', 'permission_denied'],
    [400, 'invalid_argument', 'metadata size exceeds limits', 'invalid_argument'],
    [412, 'failed_precondition', 'something else', 'failed_precondition'],
    [503, 'unavailable', 'node draining', 'unreachable'],
    [500, 'internal', 'boom', 'internal'],
    [404, undefined, 'bare 404', 'not_found'],
  ] as const)('maps HTTP %i / %s to %s', (status, code, message, expected) => {
    const error = toLiveKitError(new ServerError('Err', message, status, code), URL);
    expect(error).toBeInstanceOf(LiveKitError);
    expect(error.code).toBe(expected);
    expect(error.status).toBe(status);
    expect(error.message.toLowerCase()).toContain(message.toLowerCase());
  });

  it('recognises remote unmute being disabled by its server message', () => {
    const error = toLiveKitError(
      new ServerError('Precondition Failed', 'twirp error unknown: remote unmute not enabled', 412, 'failed_precondition'),
      URL,
    );
    expect(error.code).toBe('remote_unmute_disabled');
    expect(error.message).toMatch(/^Remote unmute is disabled on this LiveKit server/);
  });

  it('names the server when the API key is refused', () => {
    const error = toLiveKitError(new ServerError('Unauthorized', 'invalid API key', 401, 'unauthenticated'), URL);
    expect(error.message).toBe(`LiveKit at ${URL} refused the API key or its grants: invalid API key`);
  });

  it('turns a refused connection (fetch failed, cause ECONNREFUSED) into unreachable', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7880'), { code: 'ECONNREFUSED' });
    const error = toLiveKitError(new TypeError('fetch failed', { cause }), URL);
    expect(error).toMatchObject({ code: 'unreachable', message: `Cannot reach LiveKit at ${URL} (ECONNREFUSED)` });
  });

  it('turns an unknown host into unreachable', () => {
    const cause = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    expect(toLiveKitError(new TypeError('fetch failed', { cause }), URL).code).toBe('unreachable');
  });

  it('turns an aborted request into timeout', () => {
    const error = toLiveKitError(new DOMException('The operation timed out', 'TimeoutError'), URL);
    expect(error).toMatchObject({ code: 'timeout', message: `LiveKit at ${URL} did not answer in time` });
  });

  it('keeps an existing LiveKitError and wraps anything else as internal', () => {
    const original = new LiveKitError('not_found', 'gone');
    expect(toLiveKitError(original, URL)).toBe(original);
    expect(toLiveKitError('weird', URL)).toMatchObject({ code: 'internal', message: 'Unexpected LiveKit failure: weird' });
  });
});
