import type { NextConfig } from 'next';
import { MALFORMED_PATH_SOURCE } from './src/malformedPath';

const config: NextConfig = {
  // Workspace packages export TypeScript source; Next compiles them.
  transpilePackages: [
    '@quoteline/protocol',
    '@quoteline/market',
    '@quoteline/stream',
    '@quoteline/platform',
    '@quoteline/db',
    '@quoteline/client',
    '@quoteline/trading',
    '@quoteline/redis',
    '@quoteline/widget-kit',
    '@quoteline/quote-board',
    '@quoteline/order-ticket',
    '@quoteline/blotter',
    '@quoteline/portfolio',
    '@quoteline/price-chart',
    '@quoteline/ticker-tape',
  ],
  // Native and engine-loading packages stay plain Node requires.
  serverExternalPackages: [
    'better-sqlite3',
    '@prisma/adapter-better-sqlite3',
    'pg',
    '@prisma/adapter-pg',
    '@prisma/client',
    'ioredis',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Paths whose percent-encoding does not decode get our 400 instead of Next's 500 (see src/malformedPath.ts).
  async rewrites() {
    return {
      beforeFiles: [{ source: MALFORMED_PATH_SOURCE, destination: '/api/bad-url' }],
      afterFiles: [],
      fallback: [],
    };
  },
};

export default config;
