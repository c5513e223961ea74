import { describe, expect, it } from 'vitest';
import { sameOriginPath } from '@/lib/auth/callback-url';
import { newPasswordSchema } from '@/lib/auth/password-rules';
import { clientAddress, servedOverHttps } from '@/lib/auth/request-origin';

const origin = 'https://dash.example.com';
const headers = (values: Record<string, string>) => new Headers(values);

describe('sameOriginPath', () => {
  it.each(['/\\example.org', '/\t/example.org', '//example.org', 'https://example.org/x', '\\\\example.org', 'javascript:alert(1)', '/\n/example.org'])(
    '%j goes home',
    (callback) => expect(sameOriginPath(callback, origin)).toBe('/'),
  );

  it('keeps paths and this origin, as a path', () => {
    expect(sameOriginPath('/rooms/a?x=1#y', origin)).toBe('/rooms/a?x=1#y');
    expect(sameOriginPath(`${origin}/audit`, origin)).toBe('/audit');
    expect(sameOriginPath(undefined, origin)).toBe('/');
  });
});

describe('what a request tells about its client', () => {
  it('believes X-Forwarded-For only with trusted proxies, from the right', () => {
    const forwarded = headers({ 'x-forwarded-for': '6.6.6.6, 203.0.113.7, 10.0.0.2' });
    expect(clientAddress(forwarded, 0)).toBeUndefined();
    expect(clientAddress(forwarded, 1)).toBe('10.0.0.2');
    expect(clientAddress(forwarded, 2)).toBe('203.0.113.7');
  });

  it('is https by the public URL, or by X-Forwarded-Proto from a trusted proxy', () => {
    const https = headers({ 'x-forwarded-proto': 'https' });
    expect(servedOverHttps(https, 'http://dash.local', 0)).toBe(false);
    expect(servedOverHttps(https, 'http://dash.local', 1)).toBe(true);
    expect(servedOverHttps(headers({}), 'https://dash.example.com', 0)).toBe(true);
  });
});

describe('new passwords', () => {
  it('are 12 characters to 72 bytes', () => {
    expect(newPasswordSchema.safeParse('p'.repeat(72)).success).toBe(true);
    expect(newPasswordSchema.safeParse(`${'p'.repeat(71)}é`).success).toBe(false);
    expect(newPasswordSchema.safeParse('short').success).toBe(false);
  });
});
