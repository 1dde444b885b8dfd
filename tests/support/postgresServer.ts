import { startPostgres, type PostgresServer } from '../../scripts/servers/postgres.mjs';

export type { PostgresServer };

/**
 * A throwaway private PostgreSQL for one test run (see scripts/servers/postgres.mjs): Debian's server run as the
 * `postgres` user, in a temp folder removed on stop, on a free 127.0.0.1 port, without fsync (nothing here must
 * survive a crash). Every test app server then gets its own database on it.
 */
export function startTestPostgres(): Promise<PostgresServer> {
  return startPostgres({ durable: false, database: 'quoteline_tests' });
}
