import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { clientAddress, servedOverHttps } from '@/lib/auth/request-origin';
import { reserveSignIn, throttleKeys } from '@/lib/auth/throttle';
import { observeSignInRefused } from '@/lib/observability/observe';
import { env } from '@/lib/env';

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = (request: NextRequest, context: Context) => {
  const { publicUrl, trustedProxies } = env().auth;
  return NextAuth(request, context, authOptions({ secureCookies: servedOverHttps(request.headers, publicUrl, trustedProxies) }));
};

/**
 * The email and password callback, throttled: every attempt is counted against the account and the
 * client's address before the password is checked; one that signs in is taken back. Over the limit
 * the answer is 429 with Retry-After, and no password is checked at all.
 */
async function credentialsCallback(request: NextRequest, context: Context): Promise<Response> {
  const form = new URLSearchParams(await request.clone().text());
  const keys = throttleKeys({
    email: form.get('email') ?? undefined,
    address: clientAddress(request.headers, env().auth.trustedProxies),
  });
  const reservation = await reserveSignIn(keys);
  if (!reservation.ok) {
    observeSignInRefused('throttled');
    const retryAfter = String(reservation.retryAfterSeconds);
    const url = new URL(`/signin?error=TooManyAttempts&retryAfter=${retryAfter}`, request.nextUrl.origin).toString();
    const body = JSON.stringify({ url, error: 'TooManyAttempts', retryAfterSeconds: reservation.retryAfterSeconds });
    return new Response(body, { status: 429, headers: { 'Content-Type': 'application/json', 'Retry-After': retryAfter } });
  }
  const response = await nextAuth(request, context);
  const signedIn = response.headers.getSetCookie().some((cookie: string) => /next-auth\.session-token=[^;]+/.test(cookie));
  if (!signedIn) observeSignInRefused('credentials');
  if (signedIn) await reservation.release().catch((error: unknown) => console.error('[auth] could not release a sign-in attempt', error));
  return response;
}

export async function GET(request: NextRequest, context: Context) {
  return nextAuth(request, context);
}

export async function POST(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  if (nextauth.join('/') === 'callback/credentials') return credentialsCallback(request, context);
  return nextAuth(request, context);
}
