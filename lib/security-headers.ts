import { env, toHttpUrl } from '@/lib/env';

/** LiveKit Cloud hands out region addresses under the project's domain: the browser may need any of them. */
function livekitSources(publicUrl: string): string[] {
  const ws = new URL(publicUrl);
  const http = new URL(toHttpUrl(publicUrl));
  const sources = [ws.origin === 'null' ? `${ws.protocol}//${ws.host}` : ws.origin, http.origin];
  if (ws.hostname.endsWith('.livekit.cloud')) sources.push('wss://*.livekit.cloud', 'https://*.livekit.cloud');
  return sources;
}

/**
 * The console's Content-Security-Policy, for one response: scripts only with this response's nonce
 * (Next puts it on its own scripts), connections only to the dashboard and the LiveKit server, and
 * never inside a frame (a framed console is a clickjacked Kick button).
 */
export function contentSecurityPolicy(nonce: string): string {
  const { livekit, nodeEnv } = env();
  // React's development build evaluates code to rebuild server error stacks; production never does
  const devEval = nodeEnv === 'development' ? " 'unsafe-eval'" : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${devEval}`,
    // inline style attributes (virtualized rows are positioned with them); styles cannot run code
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${livekitSources(livekit.publicUrl).join(' ')}`,
    "media-src 'self' blob:",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
