'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { useToast } from '@/components/ui/toaster';
import { createAccount, setAccountRole } from '@/lib/accounts/actions';
import { ROLES, type Role } from '@/lib/auth/roles';
import { AccountAccess } from './account-access';

export interface AccountSummary {
  id: string;
  email: string;
  name: string;
  role: Role;
  hasPassword: boolean;
  /** ISO time, or null while the account may sign in */
  disabledAt: string | null;
  ssoAllowed: boolean;
  /** the bound single sign-on provider, if any */
  ssoProvider: string | null;
}

const ROLE_HELP: Record<Role, string> = {
  viewer: 'sees rooms and participants',
  moderator: 'every participant action',
  admin: 'rooms and accounts too',
};

const fieldClass =
  'h-8 rounded-md border border-zinc-700 bg-zinc-900 px-2.5 text-sm outline-none placeholder:text-zinc-500 focus:ring-2 focus:ring-indigo-500/50';

function signInMethods(account: AccountSummary): string {
  const sso = account.ssoProvider ? `SSO (${account.ssoProvider})` : 'SSO';
  if (!account.hasPassword) return `${sso} only`;
  return account.ssoAllowed ? `password or ${sso}` : 'password';
}

export function AccountsView({ accounts, selfId }: { accounts: AccountSummary[]; selfId: string }) {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string | null>(null);

  const changeRole = (account: AccountSummary, role: Role) =>
    startTransition(async () => {
      const result = await setAccountRole({ id: account.id, role });
      if (result.ok) toast({ kind: 'success', title: `${account.email} is now ${role}` });
      else toast({ kind: 'error', title: `Could not change ${account.email}`, description: result.error.message });
      router.refresh();
    });

  const create = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    startTransition(async () => {
      const result = await createAccount({
        email: String(form.get('email') ?? ''),
        name: String(form.get('name') ?? ''),
        role: String(form.get('role') ?? 'viewer') as Role,
        password: String(form.get('password') ?? ''),
      });
      if (!result.ok) {
        setFormError(result.error.message);
        return;
      }
      setFormError(null);
      formElement.reset();
      toast({ kind: 'success', title: `Created ${result.data.email} (${result.data.role})` });
      router.refresh();
    });
  };

  return (
    <div className="flex flex-col gap-6">
      <section>
        <h1 className="mb-3 text-lg font-semibold">Accounts</h1>
        <DataTable
          marker="accounts-table"
          columns={[{ label: 'Email' }, { label: 'Name' }, { label: 'Sign-in' }, { label: 'Role' }, { label: 'Access' }]}
        >
          {accounts.map((account) => (
            <tr
              key={account.id}
              data-account-row={account.email}
              data-role={account.role}
              data-disabled={account.disabledAt ? 'true' : 'false'}
              className={`border-b border-zinc-800/70 ${account.disabledAt ? 'bg-red-950/20' : ''}`}
            >
              <td className="py-2 pr-3 pl-4 text-zinc-100">
                {account.email}
                {account.id === selfId && <span className="ml-2 text-xs text-zinc-400">(you)</span>}
              </td>
              <td className="py-2 pr-3 text-zinc-300">{account.name}</td>
              <td className="py-2 pr-3 text-xs text-zinc-400">
                {signInMethods(account)}
                {account.disabledAt && <span className="ml-2 rounded bg-red-950 px-1.5 text-red-300">disabled</span>}
              </td>
              <td className="py-2 pr-4">
                <select
                  aria-label={`Role of ${account.email}`}
                  value={account.role}
                  disabled={pending}
                  onChange={(event) => changeRole(account, event.target.value as Role)}
                  className={fieldClass}
                >
                  {ROLES.map((role) => (
                    <option key={role} value={role}>
                      {role} — {ROLE_HELP[role]}
                    </option>
                  ))}
                </select>
              </td>
              <td className="py-2 pr-4">
                <AccountAccess account={account} isSelf={account.id === selfId} />
              </td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section>
        <h2 className="mb-2 text-base font-semibold">Add an account</h2>
        <form onSubmit={create} className="flex flex-wrap items-end gap-2" aria-label="Add an account">
          <input name="email" type="email" required aria-label="New account email" placeholder="email" className={`${fieldClass} w-64`} />
          <input name="name" aria-label="New account name" placeholder="name" className={`${fieldClass} w-48`} />
          <select name="role" aria-label="New account role" defaultValue="moderator" className={fieldClass}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role}
              </option>
            ))}
          </select>
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            aria-label="New account password"
            placeholder="password (12+; empty for SSO only)"
            className={`${fieldClass} w-72`}
          />
          <Button type="submit" variant="primary" size="md" pending={pending}>
            Add account
          </Button>
        </form>
        {formError && (
          <p role="alert" data-account-error className="mt-2 text-sm text-red-300">
            {formError}
          </p>
        )}
      </section>
    </div>
  );
}
