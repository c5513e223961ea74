/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time
  serverExternalPackages: ['livekit-server-sdk', '@electric-sql/pglite', 'pg'],
  // `next dev` logs every request: LiveKit's webhooks (each join, leave and track) and the load
  // balancer's health checks would bury the lines a person needs
  logging: { incomingRequests: { ignore: [/\/api\/livekit\/webhook/, /\/api\/health/] } },
};

export default nextConfig;
