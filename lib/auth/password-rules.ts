import { z } from 'zod';

/** bcrypt reads at most 72 bytes: a longer password would be cut silently, so it is refused instead. */
export const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_LENGTH = 12;

export function passwordBytes(password: string): number {
  return new TextEncoder().encode(password).length;
}

export const TOO_LONG_MESSAGE = `password must be at most ${MAX_PASSWORD_BYTES} bytes (bcrypt ignores the rest); accented letters and emoji take 2–4 bytes each`;

/** A password an account may be given: 12+ characters and at most 72 bytes. */
export const newPasswordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `password must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .refine((password) => passwordBytes(password) <= MAX_PASSWORD_BYTES, TOO_LONG_MESSAGE);
