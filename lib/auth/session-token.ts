import 'server-only';
import { decode, type JWT } from 'next-auth/jwt';

/** Where next-auth keeps the session: one cookie, or `name.0`, `name.1`… when the token is too long for one. */
export function sessionCookieName(secureCookies: boolean): string {
  return secureCookies ? '__Secure-next-auth.session-token' : 'next-auth.session-token';
}

/** The session token from the request's cookies, its chunks joined in order; undefined without one. */
export function sessionTokenFrom(cookies: readonly { name: string; value: string }[], name: string): string | undefined {
  const whole = cookies.find((cookie) => cookie.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .map((cookie) => ({ index: cookie.name.startsWith(`${name}.`) ? Number(cookie.name.slice(name.length + 1)) : Number.NaN, value: cookie.value }))
    .filter((chunk) => Number.isInteger(chunk.index) && chunk.index >= 0)
    .sort((a, b) => a.index - b.index);
  return chunks.length > 0 ? chunks.map((chunk) => chunk.value).join('') : undefined;
}

const CACHE_LIMIT = 1000;
const CACHE_MS = 60_000;
const DECODED = Symbol.for('stagekeeper.decodedSessions');
type Holder = { [DECODED]?: Map<string, { claims: JWT; until: number }> };

/**
 * The token's claims, or null when it does not decrypt (wrong secret, tampered, expired).
 * Decrypting derives the key (HKDF) and decrypts the JWE on every request: a moderator's token
 * is decoded once a minute instead. Only the claims are kept; whether the account may still act
 * (disabled, password changed) is read from the database on every request all the same.
 */
export async function decodeSessionToken(token: string, secret: string): Promise<JWT | null> {
  const cache = ((globalThis as Holder)[DECODED] ??= new Map());
  const now = Date.now();
  const cached = cache.get(`${secret}\u0000${token}`);
  if (cached && cached.until > now) return cached.claims;
  const claims = await decode({ token, secret }).catch(() => null);
  if (!claims) return null;
  const expires = typeof claims.exp === 'number' ? claims.exp * 1000 : now + CACHE_MS;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(`${secret}\u0000${token}`, { claims, until: Math.min(expires, now + CACHE_MS) });
  return claims;
}
