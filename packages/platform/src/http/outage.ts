import { QuotelineError } from '@quoteline/protocol';
import { isRedisUnreachable } from '@quoteline/redis';

/** Seconds a client is told to wait (Retry-After) when a dependency is down: outages seen here last seconds. */
export const RETRY_AFTER_SECONDS = 2;

/** A shared dependency that can be down while this process runs. */
export type Dependency = 'database' | 'bus';

/** Prisma's codes for a database it cannot reach, or that stopped answering in time (P2024: no pool connection). */
const PRISMA_UNREACHABLE = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** The driver adapters' error kinds meaning the same (SocketTimeout is also SQLite's busy timeout). */
const ADAPTER_UNREACHABLE = new Set([
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
  'TooManyConnections',
]);
/** PostgreSQL SQLSTATEs of a lost connection (class 08), a server shutting down or starting (57P01-03), too many clients. */
const POSTGRES_UNAVAILABLE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** pg's own messages for a connection that ended before the adapter could classify the failure. */
const PG_CONNECTION_LOST = /^(Connection terminated|timeout exceeded when trying to connect)/;

type Shape = {
  name?: unknown;
  code?: unknown;
  errorCode?: unknown;
  kind?: unknown;
  message?: unknown;
  meta?: { driverAdapterError?: unknown };
  cause?: unknown;
};

function databaseDown(value: unknown, depth = 0): boolean {
  if (typeof value !== 'object' || value === null || depth > 4) return false;
  const v = value as Shape;
  if (
    typeof v.name === 'string' &&
    v.name.startsWith('PrismaClient') &&
    (PRISMA_UNREACHABLE.has(String(v.code)) || PRISMA_UNREACHABLE.has(String(v.errorCode)))
  )
    return true;
  if (
    typeof v.kind === 'string' &&
    (ADAPTER_UNREACHABLE.has(v.kind) || (v.kind === 'postgres' && POSTGRES_UNAVAILABLE.test(String(v.code))))
  )
    return true;
  if (typeof v.message === 'string' && PG_CONNECTION_LOST.test(v.message)) return true;
  return databaseDown(v.meta?.driverAdapterError, depth + 1) || databaseDown(v.cause, depth + 1);
}

/** Which dependency a failure says is unreachable, or null when it is some other failure. */
export function unreachableDependency(cause: unknown): Dependency | null {
  if (databaseDown(cause)) return 'database';
  if (isRedisUnreachable(cause) || (cause instanceof Error && isRedisUnreachable(cause.cause))) return 'bus';
  return null;
}

const MESSAGES: Record<Dependency, string> = {
  database: `The database is unreachable right now; try again in ${RETRY_AFTER_SECONDS} seconds.`,
  bus: `The message bus (Redis) is unreachable right now; try again in ${RETRY_AFTER_SECONDS} seconds.`,
};

/** How often one dependency's outage is logged: every request fails alike meanwhile. */
const REPORT_EVERY_MS = 10_000;
const lastReported: Partial<Record<Dependency, number>> = {};

/**
 * A dependency outage as the public `unavailable` error (503), or null for any other failure: a client can retry
 * these, so they are no `internal` error, and they are logged once per outage rather than per request.
 */
export function outageError(cause: unknown): QuotelineError | null {
  const dependency = unreachableDependency(cause);
  if (!dependency) return null;
  const now = Date.now();
  if (now - (lastReported[dependency] ?? 0) >= REPORT_EVERY_MS) {
    lastReported[dependency] = now;
    console.warn(
      `quoteline: the ${dependency === 'bus' ? 'bus (Redis)' : 'database'} is unreachable; answering 503:`,
      cause instanceof Error ? cause.message.trim().split('\n').at(-1) : cause,
    );
  }
  return new QuotelineError('unavailable', MESSAGES[dependency], { cause });
}
