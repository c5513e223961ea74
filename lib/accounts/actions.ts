'use server';

import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { accountsReady } from '@/lib/auth/bootstrap';
import { newPasswordSchema } from '@/lib/auth/password-rules';
import { hashPassword } from '@/lib/auth/passwords';
import { ROLES } from '@/lib/auth/roles';
import {
  countActiveAdmins,
  findAccount,
  insertAccount,
  listAccounts as listAccountRows,
  setDisabled,
  setPasswordHash,
  setSsoAllowed,
  updateRole,
  type Account,
} from '@/lib/db/accounts';
import { withLock } from '@/lib/db/locks';
import { ActionRefusal, defineAction } from '@/lib/actions/define-action';

const role = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });
const accountId = z.string().uuid('account id must be a UUID');

export const listAccounts = defineAction({
  name: 'accounts.list',
  access: 'admin',
  input: z.undefined().optional(),
  run: async () => listAccountRows(await accountsReady()),
});

export const createAccount = defineAction({
  name: 'accounts.create',
  access: 'admin',
  input: z.strictObject({
    email: z.email('must be an email address').max(320),
    name: z.string().trim().max(200).default(''),
    role,
    /** empty for accounts that sign in only through GitHub or OIDC */
    password: z.union([z.literal(''), newPasswordSchema]).default(''),
  }),
  run: async ({ email, name, role, password }) => {
    const created = await insertAccount(await accountsReady(), {
      email,
      name,
      role,
      passwordHash: password ? await hashPassword(password) : null,
    });
    if (!created) throw new ActionRefusal({ code: 'conflict', message: `An account for ${email.toLowerCase()} already exists` });
    return created;
  },
});

const accountState = async ({ id }: { id: string }) => (await findAccount(await accountsReady(), id)) ?? null;

async function existingAccount(id: string): Promise<Account> {
  const account = await findAccount(await accountsReady(), id);
  if (!account) throw new ActionRefusal({ code: 'not_found', message: 'That account does not exist' });
  return account;
}

const LAST_ADMIN = 'Stagekeeper needs at least one active admin: promote or enable another account first';

/**
 * Runs a change that could leave no active admin: the count and the change happen under one lock
 * held across replicas, so two concurrent demotions of the last two admins leave one.
 */
function keepingAnAdmin<T>(id: string, losesAdmin: (account: Account) => boolean, change: () => Promise<T>): Promise<T> {
  return withLock('accounts:admins', async () => {
    const account = await existingAccount(id);
    const wasActiveAdmin = account.role === 'admin' && !account.disabledAt;
    if (wasActiveAdmin && losesAdmin(account) && (await countActiveAdmins(await accountsReady())) <= 1) {
      throw new ActionRefusal({ code: 'conflict', message: LAST_ADMIN });
    }
    return change();
  });
}

export const setAccountRole = defineAction({
  name: 'accounts.setRole',
  access: 'admin',
  input: z.strictObject({ id: accountId, role }),
  snapshot: accountState,
  run: async ({ id, role }) =>
    keepingAnAdmin(id, () => role !== 'admin', async () => (await updateRole(await accountsReady(), id, role))!),
});

/** A disabled account cannot sign in, and its open sessions stop at their next request. */
export const setAccountDisabled = defineAction({
  name: 'accounts.setDisabled',
  access: 'admin',
  input: z.strictObject({ id: accountId, disabled: z.boolean() }),
  snapshot: accountState,
  run: async ({ id, disabled }, { actor }) => {
    if (disabled && id === actor.id) {
      throw new ActionRefusal({ code: 'conflict', message: 'You cannot disable your own account; ask another admin' });
    }
    return keepingAnAdmin(id, () => disabled, async () => (await setDisabled(await accountsReady(), id, disabled))!);
  },
});

/**
 * Sets a new password (or generates one, answered this once) and ends the account's sessions.
 * The input's password is redacted in the audit log; a generated one never reaches it.
 */
export const resetAccountPassword = defineAction({
  name: 'accounts.resetPassword',
  access: 'admin',
  input: z.strictObject({ id: accountId, password: z.union([z.literal(''), newPasswordSchema]).default('') }),
  snapshot: accountState,
  run: async ({ id, password }) => {
    await existingAccount(id);
    const generated = password ? undefined : randomBytes(15).toString('base64url');
    const account = (await setPasswordHash(await accountsReady(), id, await hashPassword(password || generated!)))!;
    return { email: account.email, ...(generated && { generatedPassword: generated }) };
  },
});

/**
 * Lets a password account sign in through GitHub or OIDC too (its first SSO sign-in binds the
 * identity), or takes that back; taking it back also forgets the bound identity.
 */
export const setAccountSso = defineAction({
  name: 'accounts.setSso',
  access: 'admin',
  input: z.strictObject({ id: accountId, allowed: z.boolean() }),
  snapshot: accountState,
  run: async ({ id, allowed }) => {
    await existingAccount(id);
    return (await setSsoAllowed(await accountsReady(), id, allowed))!;
  },
});
