import 'server-only';
import bcrypt from 'bcryptjs';
import { concurrencyLimit, QueueFull } from '@/lib/concurrency';
import { MAX_PASSWORD_BYTES, passwordBytes } from './password-rules';

const COST = 12;

/**
 * At most BCRYPT_CONCURRENCY bcrypt computations run at once in this process; the rest wait their
 * turn. A flood of wrong passwords then costs a bounded share of the CPU and the event loop, and the
 * moderators' actions keep running. Per process on purpose: it guards this process's CPU.
 */
const BCRYPT_CONCURRENCY = 2;
/**
 * A password check refuses (PasswordCheckBusy) rather than wait behind this many others: at ~0.25 s
 * a check, a real sign-in waits a few seconds at worst however many attempts arrive at once.
 */
export const MAX_WAITING_PASSWORD_CHECKS = 32;

const bcryptSlots = concurrencyLimit(BCRYPT_CONCURRENCY);

/** Too many password checks are waiting: this one was not made. */
export class PasswordCheckBusy extends Error {
  override name = 'PasswordCheckBusy';
}

async function check<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await bcryptSlots.run(work, { maxWaiting: MAX_WAITING_PASSWORD_CHECKS });
  } catch (error) {
    if (error instanceof QueueFull) throw new PasswordCheckBusy(error.message);
    throw error;
  }
}

/** Hashing (an admin setting a password) always waits its turn. */
export function hashPassword(password: string): Promise<string> {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) {
    return Promise.reject(new RangeError(`a password longer than ${MAX_PASSWORD_BYTES} bytes would be truncated by bcrypt`));
  }
  return bcryptSlots.run(() => bcrypt.hash(password, COST));
}

/** A password longer than bcrypt reads never matches: no stored password is that long. Rejects with PasswordCheckBusy. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) {
    await burnPasswordCheck(password.slice(0, MAX_PASSWORD_BYTES));
    return false;
  }
  return check(() => bcrypt.compare(password, hash));
}

// compared against when the email is unknown, so a wrong email takes as long as a wrong password
let unknownAccountHash: Promise<string> | undefined;

export async function burnPasswordCheck(password: string): Promise<void> {
  unknownAccountHash ??= hashPassword('stagekeeper: no such account');
  const hash = await unknownAccountHash;
  await check(() => bcrypt.compare(password, hash));
}
