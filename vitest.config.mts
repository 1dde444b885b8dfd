import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code; integration tests (real HTTP against the
// built app) live in tests/integration, those of the Redis parts (against a
// real redis-server) in tests/integration/redis; the scaled shape's in tests/scaled.
// integration-pg runs the database-heavy suites again with PostgreSQL behind the app.
// Playwright specs are never picked up here.

/** Suites that run on PostgreSQL too (same files, another DATABASE_URL), plus the PostgreSQL-only migration check. */
const postgresSuites = [
  'trading',
  'adminControls',
  'feedLifecycle',
  'feedRestart',
  'embedKeys',
  'shutdown',
  'idempotencyLease',
  'postgresMigrations',
].map((name) => `tests/integration/${name}.test.ts`);

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          // Globs are relative to the folder vitest runs in: from the root every package's
          // tests plus the scripts' and benchmarks'; from a package (its `test` script) its own `src`.
          include: [
            'packages/*/src/**/*.test.{ts,tsx}',
            'widgets/*/src/**/*.test.{ts,tsx}',
            'apps/*/src/**/*.test.{ts,tsx}',
            'bench/**/*.test.ts',
            'scripts/**/*.test.ts',
            'src/**/*.test.{ts,tsx}',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/redis/**', 'tests/integration/postgresMigrations.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'integration-pg',
          include: postgresSuites,
          environment: 'node',
          globalSetup: ['tests/integration/postgresGlobalSetup.ts'],
          setupFiles: ['tests/integration/onPostgres.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The Redis parts against a real redis-server that each test file starts on loopback.
        test: {
          name: 'redis',
          include: ['tests/integration/redis/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/integration/redis/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The scaled shape: nginx, Redis, PostgreSQL and several instances, started by the tests.
        test: {
          name: 'scaled',
          include: ['tests/scaled/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
