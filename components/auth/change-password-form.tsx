'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { changeOwnPassword } from '@/lib/accounts/own-actions';

const fieldClass =
  'h-9 rounded-md border border-zinc-700 bg-zinc-950 px-3 text-sm text-zinc-100 outline-none focus:ring-2 focus:ring-indigo-500/50';

/**
 * Changing the password ends every session of the account, this one too; the form signs in again
 * with the new password so the person stays where they are.
 */
export function ChangePasswordForm({ email }: { email: string }) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'success'; text: string } | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('repeatPassword') ?? '')) {
      setMessage({ kind: 'error', text: 'The new password and its repetition differ.' });
      return;
    }
    setPending(true);
    const result = await changeOwnPassword({ currentPassword: String(form.get('currentPassword') ?? ''), newPassword });
    if (!result.ok) {
      setPending(false);
      setMessage({ kind: 'error', text: result.error.message });
      return;
    }
    const again = await signIn('credentials', { email, password: newPassword, redirect: false });
    setPending(false);
    formElement.reset();
    setMessage(
      again?.ok && !again.error
        ? { kind: 'success', text: 'Password changed. Your other sessions have ended.' }
        : { kind: 'success', text: 'Password changed. Sign in again with the new password.' },
    );
  };

  return (
    <form onSubmit={submit} className="flex max-w-sm flex-col gap-3" aria-label="Change your password">
      <label className="flex flex-col gap-1 text-sm text-zinc-300">
        Current password
        <input name="currentPassword" type="password" autoComplete="current-password" required className={fieldClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm text-zinc-300">
        New password
        <input name="newPassword" type="password" autoComplete="new-password" required minLength={12} className={fieldClass} />
      </label>
      <label className="flex flex-col gap-1 text-sm text-zinc-300">
        Repeat the new password
        <input name="repeatPassword" type="password" autoComplete="new-password" required minLength={12} className={fieldClass} />
      </label>
      <p className="text-xs text-zinc-400">12 characters or more, at most 72 bytes (bcrypt ignores the rest).</p>
      {message && (
        <p
          role={message.kind === 'error' ? 'alert' : 'status'}
          data-password-message={message.kind}
          className={message.kind === 'error' ? 'text-sm text-red-300' : 'text-sm text-emerald-300'}
        >
          {message.text}
        </p>
      )}
      <Button type="submit" variant="primary" size="md" pending={pending}>
        Change password
      </Button>
    </form>
  );
}
