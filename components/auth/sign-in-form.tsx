'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { sameOriginPath } from '@/lib/auth/callback-url';

const ERRORS: Record<string, string> = {
  CredentialsSignin: 'Wrong email or password.',
  TooManyAttempts: 'Too many failed sign-ins for this account or from this address. Wait a few minutes, then try again.',
  SignInBusy: 'Stagekeeper is checking many sign-ins right now. Try again in a moment.',
  AccountDisabled: 'This account is disabled. Ask an admin to enable it.',
  AccessDenied: 'This account is not registered with Stagekeeper. Ask an admin to add your email.',
  EmailNotVerified: 'Your identity provider has not verified this email address, so Stagekeeper cannot sign you in with it.',
  SsoNotAllowed: 'This account signs in with its password. An admin can allow single sign-on for it.',
  SsoIdentityMismatch: 'This account is linked to a different single sign-on identity. Ask an admin to unlink it.',
  SessionRequired: 'Sign in to continue.',
};

function errorMessage(code: string | undefined | null): string {
  return ERRORS[code ?? ''] ?? 'Sign-in failed. Try again.';
}

/** Only this origin: a callbackUrl must not send a moderator to another site after sign-in. */
function safePath(callbackUrl: string | undefined): string {
  return sameOriginPath(callbackUrl, window.location.origin);
}

export function SignInForm({
  callbackUrl,
  initialError,
  externalProviders,
}: {
  callbackUrl?: string;
  initialError?: string;
  externalProviders: { id: string; name: string }[];
}) {
  const [error, setError] = useState(initialError ? errorMessage(initialError) : null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(safePath(callbackUrl));
      return;
    }
    setPending(false);
    setError(result?.status === 429 ? errorMessage('TooManyAttempts') : errorMessage(result?.error));
  };

  return (
    <div className="w-full max-w-sm rounded-xl border border-zinc-800 bg-zinc-900/70 p-6 shadow-xl">
      <div className="mb-5 flex items-center gap-2">
        <span className="grid size-7 place-items-center rounded bg-indigo-600 text-sm font-bold text-white">S</span>
        <h1 className="text-lg font-semibold">Sign in to Stagekeeper</h1>
      </div>
      <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Sign in">
        <label className="flex flex-col gap-1 text-sm text-zinc-300">
          Email
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            className="h-9 rounded-md border border-zinc-700 bg-zinc-950 px-3 text-sm text-zinc-100 outline-none focus:ring-2 focus:ring-indigo-500/50"
          />
        </label>
        <label className="flex flex-col gap-1 text-sm text-zinc-300">
          Password
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="h-9 rounded-md border border-zinc-700 bg-zinc-950 px-3 text-sm text-zinc-100 outline-none focus:ring-2 focus:ring-indigo-500/50"
          />
        </label>
        {error && (
          <p role="alert" data-sign-in-error className="rounded-md border border-red-900 bg-red-950/60 px-3 py-2 text-sm text-red-200">
            {error}
          </p>
        )}
        <Button type="submit" variant="primary" size="md" pending={pending}>
          Sign in
        </Button>
      </form>
      {externalProviders.length > 0 && (
        <div className="mt-4 flex flex-col gap-2 border-t border-zinc-800 pt-4">
          {externalProviders.map((provider) => (
            <Button key={provider.id} size="md" onClick={() => void signIn(provider.id, { callbackUrl: safePath(callbackUrl) })}>
              Continue with {provider.name}
            </Button>
          ))}
        </div>
      )}
    </div>
  );
}
