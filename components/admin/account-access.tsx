'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toaster';
import { resetAccountPassword, setAccountDisabled, setAccountSso } from '@/lib/accounts/actions';
import type { ActionResult } from '@/lib/actions/result';
import type { AccountSummary } from './accounts-view';

const fieldClass =
  'h-8 rounded-md border border-zinc-700 bg-zinc-900 px-2.5 text-sm outline-none placeholder:text-zinc-500 focus:ring-2 focus:ring-indigo-500/50';

/** Runs an account action, toasts its outcome and refreshes the page's list. */
function useAccountChange() {
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();
  /** `then` may hold the page as it is (a password shown once): it refreshes the list itself, with `refresh`. */
  const run = <T,>(work: () => Promise<ActionResult<T>>, success: string, failure: string, then?: (data: T, refresh: () => void) => void) =>
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        toast({ kind: 'success', title: success });
        if (then) return then(result.data, router.refresh);
      } else toast({ kind: 'error', title: failure, description: result.error.message });
      router.refresh();
    });
  return { pending, run };
}

/** Disable / enable, reset password and single sign-on for one account row. */
export function AccountAccess({ account, isSelf }: { account: AccountSummary; isSelf: boolean }) {
  const { pending, run } = useAccountChange();
  const [resetting, setResetting] = useState(false);
  const disabled = account.disabledAt !== null;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        aria-label={`${disabled ? 'Enable' : 'Disable'} ${account.email}`}
        pending={pending}
        disabled={isSelf && !disabled}
        onClick={() =>
          run(
            () => setAccountDisabled({ id: account.id, disabled: !disabled }),
            `${account.email} is ${disabled ? 'enabled' : 'disabled'}`,
            `Could not ${disabled ? 'enable' : 'disable'} ${account.email}`,
          )
        }
      >
        {disabled ? 'Enable' : 'Disable'}
      </Button>
      <Button aria-label={`Reset password of ${account.email}`} onClick={() => setResetting(true)}>
        Reset password
      </Button>
      {account.hasPassword && (
        <label className="flex items-center gap-1 text-xs text-zinc-400">
          <input
            type="checkbox"
            aria-label={`Allow single sign-on for ${account.email}`}
            checked={account.ssoAllowed}
            disabled={pending}
            onChange={(event) => {
              const allowed = event.target.checked;
              run(
                () => setAccountSso({ id: account.id, allowed }),
                `${account.email}: single sign-on ${allowed ? 'allowed' : 'off'}`,
                `Could not change single sign-on for ${account.email}`,
              );
            }}
          />
          SSO
        </label>
      )}
      <ResetPasswordDialog account={account} open={resetting} onClose={() => setResetting(false)} />
    </div>
  );
}

function ResetPasswordDialog({ account, open, onClose }: { account: AccountSummary; open: boolean; onClose: () => void }) {
  const { pending, run } = useAccountChange();
  const [password, setPassword] = useState('');
  const [generated, setGenerated] = useState<string | null>(null);
  const router = useRouter();
  const close = () => {
    // the list was not refreshed while a generated password was on screen (see reset)
    if (generated) router.refresh();
    setPassword('');
    setGenerated(null);
    onClose();
  };
  const reset = (chosen: string) =>
    run(
      () => resetAccountPassword({ id: account.id, password: chosen }),
      `New password set for ${account.email}; its sessions have ended`,
      `Could not reset the password of ${account.email}`,
      // a refresh now would re-render the rows and lose the password shown this once: it waits for Close
      (data, refresh) => {
        if (data.generatedPassword) return setGenerated(data.generatedPassword);
        refresh();
        close();
      },
    );
  return (
    <Dialog open={open} onClose={close} title={`Reset the password of ${account.email}`}>
      {generated ? (
        <div className="flex flex-col gap-2 text-sm">
          <p>The new password, shown this once. Hand it over safely:</p>
          <code data-generated-password className="rounded bg-zinc-950 px-3 py-2 font-mono text-base select-all">
            {generated}
          </code>
          <Button onClick={close}>Done</Button>
        </div>
      ) : (
        <form
          className="flex flex-col gap-3 text-sm"
          onSubmit={(event) => {
            event.preventDefault();
            reset(password);
          }}
        >
          <p className="text-zinc-400">Every session of the account ends. Leave the field empty to generate a password.</p>
          <input
            type="password"
            autoComplete="new-password"
            aria-label="New password"
            placeholder="new password (12+ characters, at most 72 bytes)"
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            className={fieldClass}
          />
          <Button type="submit" variant="primary" size="md" pending={pending}>
            {password ? 'Set this password' : 'Generate a password'}
          </Button>
        </form>
      )}
    </Dialog>
  );
}
