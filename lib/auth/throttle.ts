import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { withLock } from '@/lib/db/locks';
import { releaseAttempts, reserveAttempt } from '@/lib/db/sign-in-failures';
import { accountsReady } from './bootstrap';

/** 10 failed sign-ins in 10 minutes per account, and per address when the address is known. */
export const SIGN_IN_LIMIT = { limit: 10, windowSeconds: 10 * 60 };

export type Reservation = { ok: true; release: () => Promise<void> } | { ok: false; retryAfterSeconds: number };

export function throttleKeys({ email, address }: { email: string | undefined; address: string | undefined }): string[] {
  return [...(email ? [`email:${email.trim().toLowerCase()}`] : []), ...(address ? [`ip:${address}`] : [])];
}

/**
 * Counts this attempt against each key before the password is checked, so a burst of concurrent
 * attempts cannot all slip under the limit; a sign-in that succeeds releases its attempts again.
 * Each key's check-and-insert holds a lock that spans replicas.
 */
export async function reserveSignIn(keys: string[]): Promise<Reservation> {
  const db = await accountsReady();
  const reserved: number[] = [];
  for (const key of keys) {
    const outcome = await withLock(`sign-in:${key}`, () => reserveAttempt(db, key, SIGN_IN_LIMIT));
    if ('retryAfterSeconds' in outcome) {
      await releaseAttempts(db, reserved);
      return { ok: false, retryAfterSeconds: outcome.retryAfterSeconds };
    }
    reserved.push(outcome.id);
  }
  return { ok: true, release: () => releaseAttempts(db, reserved) };
}

/** Why a sign-in was refused before its password was checked: throttled (429), or too many checks waiting (503). */
export type SignInRefusal = { status: 429 | 503; error: 'TooManyAttempts' | 'SignInBusy'; retryAfterSeconds: number };

const attemptRefusal = new AsyncLocalStorage<{ refusal?: SignInRefusal }>();

/**
 * Runs one request of next-auth's handler and tells whether the credentials check refused it:
 * next-auth answers every error thrown in `authorize` with a 401, the route answers with this.
 */
export async function withSignInAttempt<T>(handle: () => Promise<T>): Promise<{ response: T; refusal?: SignInRefusal }> {
  const attempt: { refusal?: SignInRefusal } = {};
  const response = await attemptRefusal.run(attempt, handle);
  return { response, ...(attempt.refusal && { refusal: attempt.refusal }) };
}

/** The error `authorize` throws to refuse; the request's withSignInAttempt learns why. */
export function signInRefused(refusal: SignInRefusal): Error {
  const attempt = attemptRefusal.getStore();
  if (attempt) attempt.refusal = refusal;
  return new Error(refusal.error);
}
