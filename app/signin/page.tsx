import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form';
import { SERVER_ORIGIN, sameOriginPath } from '@/lib/auth/callback-url';
import { currentAccount } from '@/lib/auth/session';
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in · Stagekeeper' };

type SearchParams = Promise<{ callbackUrl?: string; error?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const { callbackUrl, error } = await searchParams;
  if (await currentAccount()) redirect(sameOriginPath(callbackUrl, SERVER_ORIGIN));
  const { auth } = env();
  const externalProviders = [
    ...(auth.github ? [{ id: 'github', name: 'GitHub' }] : []),
    ...(auth.oidc ? [{ id: 'oidc', name: auth.oidc.name }] : []),
  ];
  return (
    <main className="grid min-h-screen place-items-center px-4">
      <SignInForm callbackUrl={callbackUrl} initialError={error} externalProviders={externalProviders} />
    </main>
  );
}
