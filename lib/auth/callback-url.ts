/**
 * Where to go after sign-in: the callback resolved against the app's own origin, kept only when it
 * stays on that origin. Resolving (not string checks) is what the browser does, so values such as
 * `/\example.org` or `/<TAB>/example.org`, which a browser reads as `//example.org`, are refused.
 */
export function sameOriginPath(callbackUrl: string | undefined | null, origin: string): string {
  if (!callbackUrl) return '/';
  let target: URL;
  try {
    target = new URL(callbackUrl, origin);
  } catch {
    return '/';
  }
  if (target.origin !== new URL(origin).origin) return '/';
  return `${target.pathname}${target.search}${target.hash}`;
}

/** For the server, which has no page origin at hand: only paths of this app, never another host. */
export const SERVER_ORIGIN = 'http://stagekeeper.invalid';
