import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

/** Whether the request carries `Authorization: Bearer <STAGEKEEPER_OPS_TOKEN>`; always false when no token is set. */
export function carriesOpsToken(headers: { get(name: string): string | null }): boolean {
  const expected = env().opsToken;
  const given = headers.get('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
  if (!expected || !given) return false;
  // equal-length digests, so the comparison takes the same time whatever was sent
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
