import { hostname } from 'node:os';
import { z } from 'zod';
import { resolveDatabaseUrl } from '@quoteline/db';
import { addressRangeSchema, listeningOrigins, originSchema, type PlatformConfigInput } from '@quoteline/platform';

// The one place this app reads process.env; everything else receives configuration.
const envSchema = z.object({
  // file: is SQLite, postgresql:// (or postgres://) PostgreSQL; createDb picks the adapter by this scheme.
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/i,
      'DATABASE_URL must start with "file:" (SQLite) or "postgresql://" (PostgreSQL)',
    )
    .optional(),
  REDIS_URL: z.string().optional(),
  QUOTELINE_INSTANCE: z.string().optional(),
  QUOTELINE_KEEPALIVE_MS: z.coerce.number().int().positive().optional(),
  QUOTELINE_RETRY_MS: z.coerce.number().int().nonnegative().optional(),
  QUOTELINE_MAX_QUEUE_BYTES: z.coerce.number().int().positive().optional(),
  QUOTELINE_MAX_STALL_MS: z.coerce.number().int().positive().optional(),
  QUOTELINE_REVOCATION_CHECK_MS: z.coerce.number().int().positive().optional(),
  QUOTELINE_LOG_CAPACITY: z.coerce.number().int().positive().optional(),
  QUOTELINE_CANDLE_FLUSH_MS: z.coerce.number().int().positive().optional(),
  QUOTELINE_STATS_MS: z.coerce.number().int().positive().optional(),
  QUOTELINE_IDEMPOTENCY_LEASE_MS: z.coerce.number().int().positive().optional(),
  QUOTELINE_TEST_HOOKS: z.enum(['0', '1']).optional(),
  // Comma-separated addresses or CIDR ranges of the proxies in front (e.g. nginx on 127.0.0.1); only their forwarding headers count.
  TRUSTED_PROXIES: commaList(addressRangeSchema),
  // Comma-separated origins browsers use (https://quotes.example.com); unset: the address the app listens on.
  PUBLIC_ORIGIN: commaList(originSchema),
  // Where next start listens: it sets PORT itself once listening; HOST as npm start passes it to -H.
  PORT: z.coerce.number().int().positive().optional(),
  HOST: z.string().optional(),
});

/** A comma-separated list (spaces and empty entries ignored), each entry validated by `item`. */
function commaList<T extends z.ZodType<unknown, string>>(item: T) {
  return z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item));
}

/** The platform configuration from the environment, validated; unset values take the platform's defaults. */
export function platformConfigFromEnv(): PlatformConfigInput {
  const env = envSchema.parse(process.env);
  return {
    databaseUrl: env.DATABASE_URL ?? resolveDatabaseUrl(),
    instance: env.QUOTELINE_INSTANCE ?? `${hostname()}-${process.pid}`,
    keepAliveMs: env.QUOTELINE_KEEPALIVE_MS,
    retryMs: env.QUOTELINE_RETRY_MS,
    maxQueueBytes: env.QUOTELINE_MAX_QUEUE_BYTES,
    maxStallMs: env.QUOTELINE_MAX_STALL_MS,
    revocationCheckMs: env.QUOTELINE_REVOCATION_CHECK_MS,
    logCapacity: env.QUOTELINE_LOG_CAPACITY,
    candleFlushMs: env.QUOTELINE_CANDLE_FLUSH_MS,
    redisUrl: env.REDIS_URL || undefined,
    statsIntervalMs: env.QUOTELINE_STATS_MS,
    idempotencyLeaseMs: env.QUOTELINE_IDEMPOTENCY_LEASE_MS,
    testHooks: env.QUOTELINE_TEST_HOOKS === '1',
    trustedProxies: env.TRUSTED_PROXIES,
    publicOrigins: env.PUBLIC_ORIGIN.length ? env.PUBLIC_ORIGIN : listeningOrigins(env.HOST, env.PORT ?? 3000),
    forwardedOrigin: env.PUBLIC_ORIGIN.length === 0,
  };
}
