import type { NextRequest } from 'next/server';
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/auth/options';
import { servedOverHttps } from '@/lib/auth/request-origin';
import { withSignInAttempt, type SignInRefusal } from '@/lib/auth/throttle';
import { observeSignInRefused } from '@/lib/observability/observe';
import { env } from '@/lib/env';

type Context = { params: Promise<{ nextauth: string[] }> };

const nextAuth = (request: NextRequest, context: Context): Promise<Response> => {
  const { publicUrl, trustedProxies } = env().auth;
  return NextAuth(request, context, authOptions({ secureCookies: servedOverHttps(request.headers, publicUrl, trustedProxies) }));
};

/** A sign-in refused before its password was checked: 429 (throttled) or 503 (too many checks waiting), with Retry-After. */
function refusedSignIn(request: NextRequest, { status, error, retryAfterSeconds }: SignInRefusal): Response {
  observeSignInRefused(status === 429 ? 'throttled' : 'queue_full');
  const retryAfter = String(retryAfterSeconds);
  const url = new URL(`/signin?error=${error}&retryAfter=${retryAfter}`, request.nextUrl.origin).toString();
  const body = JSON.stringify({ url, error, retryAfterSeconds });
  return new Response(body, { status, headers: { 'Content-Type': 'application/json', 'Retry-After': retryAfter } });
}

export async function GET(request: NextRequest, context: Context) {
  return nextAuth(request, context);
}

/**
 * Sign-ins are throttled where the password is checked (the credentials provider's authorize, see
 * lib/auth/options.ts), on what next-auth parsed, whatever the body's shape or the path's tail.
 */
export async function POST(request: NextRequest, context: Context) {
  const { response, refusal } = await withSignInAttempt(() => nextAuth(request, context));
  return refusal ? refusedSignIn(request, refusal) : response;
}
