/**
 * Server-action bodies: a metadata edit of STAGEKEEPER_MAX_METADATA_BYTES (at most 256 KiB, lib/env.ts)
 * grows up to 6× as JSON (control characters become \u00XX), so 2 MiB lets every value the env allows
 * reach the action, which answers with a clear error when it is too large.
 */
const SERVER_ACTION_BODY_LIMIT = '2mb';

/** On every response: the console is never indexed, framed, sniffed, or named in another site's referrer. */
const securityHeaders = [
  { key: 'X-Robots-Tag', value: 'noindex, nofollow' },
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // node .next/standalone/server.js runs the console with nothing else installed (Containerfile);
  // scripts/lib/standalone.ts copies in the static files, public/ and the migrations after the build
  output: 'standalone',
  // PGlite opens its WebAssembly and data files by path at run time, where the tracer cannot see them
  outputFileTracingIncludes: { '/**': ['./node_modules/@electric-sql/pglite/dist/**/*'] },
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time
  serverExternalPackages: ['livekit-server-sdk', '@electric-sql/pglite', 'pg'],
  experimental: { serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT } },
  // inlined at build time: only a bench build (bench/run.ts) carries window.__stagekeeper.inject
  env: { STAGEKEEPER_BENCH_HOOKS: process.env.STAGEKEEPER_BENCH_HOOKS === '1' ? '1' : '' },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
  // `next dev` logs every request: LiveKit's webhooks (each join, leave and track) and the load
  // balancer's health checks would bury the lines a person needs
  logging: { incomingRequests: { ignore: [/\/api\/livekit\/webhook/, /\/api\/health/] } },
};

export default nextConfig;
