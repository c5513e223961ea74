'use server';

import { z } from 'zod';
import { accountsReady } from '@/lib/auth/bootstrap';
import { newPasswordSchema } from '@/lib/auth/password-rules';
import { hashPassword, PasswordCheckBusy, verifyPassword } from '@/lib/auth/passwords';
import { reserveSignIn, throttleKeys } from '@/lib/auth/throttle';
import { findAccountRow, setPasswordHash } from '@/lib/db/accounts';
import { ActionRefusal, defineAction } from '@/lib/actions/define-action';

/**
 * The signed-in person changes their own password, proving the current one. Wrong current passwords
 * count against the same throttle as sign-ins. Every session of the account ends, this one included:
 * the page signs in again with the new password.
 */
export const changeOwnPassword = defineAction({
  name: 'accounts.changeOwnPassword',
  // any signed-in account, and a change: written as pending first, listed and kept like the others
  access: 'self',
  input: z.strictObject({
    currentPassword: z.string().min(1, 'enter your current password').max(1024),
    newPassword: newPasswordSchema,
  }),
  run: async ({ currentPassword, newPassword }, { actor }) => {
    const db = await accountsReady();
    const account = await findAccountRow(db, actor.id);
    if (!account) throw new ActionRefusal({ code: 'not_found', message: 'Your account no longer exists' });
    if (!account.passwordHash) {
      throw new ActionRefusal({ code: 'conflict', message: 'This account signs in through single sign-on and has no password' });
    }
    const reservation = await reserveSignIn(throttleKeys({ email: account.email, address: undefined }));
    if (!reservation.ok) {
      const minutes = Math.ceil(reservation.retryAfterSeconds / 60);
      throw new ActionRefusal({ code: 'forbidden', message: `Too many wrong passwords; try again in ${minutes} minute${minutes === 1 ? '' : 's'}` });
    }
    if (!(await currentPasswordMatches(currentPassword, account.passwordHash, reservation.release))) {
      throw new ActionRefusal({ code: 'forbidden', message: 'The current password is wrong' });
    }
    await reservation.release();
    await setPasswordHash(db, account.id, await hashPassword(newPassword));
    return { email: account.email };
  },
});

async function currentPasswordMatches(password: string, hash: string, release: () => Promise<void>): Promise<boolean> {
  try {
    return await verifyPassword(password, hash);
  } catch (error) {
    if (!(error instanceof PasswordCheckBusy)) throw error;
    await release(); // not checked, so not a wrong password
    throw new ActionRefusal({ code: 'conflict', message: 'Stagekeeper is checking many passwords right now; try again in a moment' });
  }
}
