'use server';

import { z } from 'zod';
import { accountsReady } from '@/lib/auth/bootstrap';
import { hashPassword } from '@/lib/auth/passwords';
import { ROLES } from '@/lib/auth/roles';
import { countAdmins, findAccount, insertAccount, listAccounts as listAccountRows, updateRole } from '@/lib/db/accounts';
import { ActionRefusal, defineAction } from './define-action';

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
    password: z.union([z.literal(''), z.string().min(12, 'password must be at least 12 characters').max(200)]).default(''),
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

export const setAccountRole = defineAction({
  name: 'accounts.setRole',
  access: 'admin',
  input: z.strictObject({ id: accountId, role }),
  snapshot: accountState,
  run: async ({ id, role }) => {
    const db = await accountsReady();
    const account = await findAccount(db, id);
    if (!account) throw new ActionRefusal({ code: 'not_found', message: 'That account does not exist' });
    if (account.role === 'admin' && role !== 'admin' && (await countAdmins(db)) <= 1) {
      throw new ActionRefusal({ code: 'conflict', message: 'Stagekeeper needs at least one admin: promote another account first' });
    }
    return (await updateRole(db, id, role))!;
  },
});
