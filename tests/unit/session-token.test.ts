import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { decodeSessionToken, sessionCookieName, sessionTokenFrom } from '@/lib/auth/session-token';

const secret = 'a-secret-of-the-test-that-is-long-enough';

describe('the session token of a request', () => {
  it('is the one cookie, or its chunks joined in order', () => {
    const name = sessionCookieName(false);
    expect(sessionTokenFrom([{ name: 'other', value: 'x' }, { name, value: 'whole' }], name)).toBe('whole');
    const chunks = [
      { name: `${name}.1`, value: 'B' },
      { name: `${name}.10`, value: 'K' },
      { name: `${name}.0`, value: 'A' },
      ...Array.from({ length: 8 }, (_, i) => ({ name: `${name}.${i + 2}`, value: String.fromCharCode(67 + i) })),
    ];
    expect(sessionTokenFrom(chunks, name)).toBe('ABCDEFGHIJK');
    expect(sessionTokenFrom([{ name: `${name}.x`, value: 'junk' }], name)).toBeUndefined();
    expect(sessionTokenFrom([], name)).toBeUndefined();
    expect(sessionCookieName(true)).toBe('__Secure-next-auth.session-token');
  });

  it('decodes to the claims it was made with, and again from the cache', async () => {
    const token = await encode({ token: { sub: 'account-1', sv: 3 }, secret });
    expect(await decodeSessionToken(token, secret)).toMatchObject({ sub: 'account-1', sv: 3 });
    expect(await decodeSessionToken(token, secret)).toMatchObject({ sub: 'account-1', sv: 3 });
  });

  it('refuses a token made with another secret, a tampered one and an expired one', async () => {
    const token = await encode({ token: { sub: 'account-2' }, secret });
    expect(await decodeSessionToken(token, `${secret}-other`)).toBeNull();
    const tampered = `${token.slice(0, -4)}${token.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    expect(await decodeSessionToken(tampered, secret)).toBeNull();
    const expired = await encode({ token: { sub: 'account-3' }, secret, maxAge: -60 });
    expect(await decodeSessionToken(expired, secret)).toBeNull();
  });
});
