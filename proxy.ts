import { NextResponse, type NextRequest } from 'next/server';
import { isDraining, RETRY_AFTER_SECONDS } from '@/lib/lifecycle/drain';
import { contentSecurityPolicy } from '@/lib/security-headers';

/**
 * A fresh nonce and Content-Security-Policy for every response, pages, API routes and static files
 * alike. Next reads the policy from the request to put the nonce on the scripts it renders; the
 * other security headers are static (next.config.mjs).
 */
export function proxy(request: NextRequest) {
  // after SIGTERM (lib/lifecycle/shutdown.ts): health checks fail and new requests go to another replica
  if (isDraining()) {
    return Response.json(
      { error: 'shutting_down', message: 'This console replica is shutting down; try again in a moment' },
      { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS), connection: 'close' } },
    );
  }
  const policy = contentSecurityPolicy(btoa(crypto.randomUUID()));
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = { matcher: '/:path*' };
