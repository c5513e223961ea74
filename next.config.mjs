/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // PGlite loads its WebAssembly and data files from its own package folder at run time
  serverExternalPackages: ['livekit-server-sdk', '@electric-sql/pglite', 'pg'],
};

export default nextConfig;
