import 'server-only';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { env, EnvError } from '@/lib/env';

let resolved: string | undefined;

/**
 * NEXTAUTH_SECRET signs the session cookies. Outside the embedded default it must be given;
 * on the embedded default one is generated once and kept in the git-ignored data folder,
 * so sessions survive a restart of `npm run dev`.
 */
export function authSecret(): string {
  if (resolved) return resolved;
  const { auth, embeddedDefault, dataDir } = env();
  if (auth.secret) return (resolved = auth.secret);
  if (!embeddedDefault) {
    throw new EnvError(
      'Invalid Stagekeeper environment:\n  NEXTAUTH_SECRET: required outside the embedded default (LIVEKIT_URL is set or NODE_ENV is production); generate one with `openssl rand -base64 32`',
    );
  }
  const file = path.join(dataDir, 'nextauth-secret');
  try {
    resolved = readFileSync(file, 'utf8').trim();
    if (resolved.length >= 32) return resolved;
  } catch {
    // first run: generate below
  }
  mkdirSync(dataDir, { recursive: true });
  resolved = randomBytes(32).toString('base64url');
  writeFileSync(file, `${resolved}\n`, { mode: 0o600 });
  return resolved;
}
