/**
 * What the app may believe about who is on the other end of a request. Next.js fills
 * X-Forwarded-For and X-Forwarded-Proto from the socket only when the request lacks them, so a client
 * that talks to the app directly can write both: they are believed only when STAGEKEEPER_TRUSTED_PROXIES
 * says how many proxies in front of the app append to them.
 */
interface HeaderSource {
  get(name: string): string | null;
}

/** The client's address as the outermost trusted proxy saw it; undefined when no proxy is trusted. */
export function clientAddress(headers: HeaderSource, trustedProxies: number): string | undefined {
  if (trustedProxies <= 0) return undefined;
  const hops = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  // each trusted proxy appended one entry; the one the outermost appended is the client it saw
  return hops[hops.length - trustedProxies] ?? hops[0];
}

/** Served over https: the public URL says so, or a trusted proxy that terminated TLS does. */
export function servedOverHttps(headers: HeaderSource | undefined, publicUrl: string | undefined, trustedProxies: number): boolean {
  if (publicUrl?.startsWith('https://')) return true;
  if (trustedProxies <= 0 || !headers) return false;
  const proto = (headers.get('x-forwarded-proto') ?? '').split(',')[0]?.trim().toLowerCase();
  return proto === 'https';
}
