import 'server-only';
import bcrypt from 'bcryptjs';
import { MAX_PASSWORD_BYTES, passwordBytes } from './password-rules';

const COST = 12;

/**
 * At most this many bcrypt computations run at once in this process; the rest wait their turn.
 * A flood of wrong passwords then costs a bounded share of the CPU and the event loop, and the
 * moderators' actions keep running. Per process on purpose: it guards this process's CPU.
 */
const BCRYPT_CONCURRENCY = 2;
let running = 0;
const waiting: Array<() => void> = [];

async function bounded<T>(work: () => Promise<T>): Promise<T> {
  if (running >= BCRYPT_CONCURRENCY) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

export function hashPassword(password: string): Promise<string> {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) {
    return Promise.reject(new RangeError(`a password longer than ${MAX_PASSWORD_BYTES} bytes would be truncated by bcrypt`));
  }
  return bounded(() => bcrypt.hash(password, COST));
}

/** A password longer than bcrypt reads never matches: no stored password is that long. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (passwordBytes(password) > MAX_PASSWORD_BYTES) {
    await burnPasswordCheck(password.slice(0, MAX_PASSWORD_BYTES));
    return false;
  }
  return bounded(() => bcrypt.compare(password, hash));
}

// compared against when the email is unknown, so a wrong email takes as long as a wrong password
let unknownAccountHash: Promise<string> | undefined;

export async function burnPasswordCheck(password: string): Promise<void> {
  unknownAccountHash ??= hashPassword('stagekeeper: no such account');
  const hash = await unknownAccountHash;
  await bounded(() => bcrypt.compare(password, hash));
}
