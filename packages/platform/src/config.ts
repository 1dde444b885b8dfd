import { z } from 'zod';
import { addressRangeSchema } from './network/proxyTrust';
import { originSchema } from './network/publicOrigins';

/** Everything the platform needs to start; the app builds it from its environment, tests build it directly. */
export const platformConfigSchema = z.object({
  databaseUrl: z.string().min(1),
  /** Name of this app instance in `ready` and `/api/health`. */
  instance: z.string().min(1),
  /** at most 15 s: proxies and the protocol count on a comment at least that often */
  keepAliveMs: z.number().int().min(10).max(15_000).default(15_000),
  retryMs: z.number().int().min(0).default(1_000),
  maxQueueBytes: z
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** How long a stream's response may stay full (a reader not reading) before it is cut and resumes. */
  maxStallMs: z.number().int().min(100).default(10_000),
  /** Events kept in memory for resume. */
  logCapacity: z.number().int().min(1).default(10_000),
  /** How often live last prices are written back to the database. */
  checkpointMs: z.number().int().min(100).default(10_000),
  /** How often the grants of open streams (embed keys, sessions and their roles) are checked against the database. */
  revocationCheckMs: z.number().int().min(100).default(2_000),
  /** How often candles changed by ticks are written to the database, in one batch (and once more on shutdown). */
  candleFlushMs: z.number().int().min(50).max(60_000).default(5_000),
  /** How long an Idempotency-Key claim holds without renewal (renewed every third of it while its order runs); after that a retry takes the key over. */
  idempotencyLeaseMs: z.number().int().min(300).max(600_000).default(10_000),
  /** Redis for the scaled shape (shared event log, producer lease, routing); unset: one process, in-memory log. */
  redisUrl: z.string().url().optional(),
  /** Entries the shared Redis log keeps for resume (approximate, MAXLEN ~). */
  sharedLogRetention: z.number().int().min(100).default(100_000),
  /** How often this instance appends a `stats` sample of its streams to `admin:connections`. */
  statsIntervalMs: z.number().int().min(100).max(60_000).default(1_000),
  /** Proxies (addresses, CIDR ranges) whose X-Forwarded-* / X-Real-IP headers are believed; from anyone else they are ignored. */
  trustedProxies: z.array(addressRangeSchema).default([]),
  /** Origins browsers reach the app by (`PUBLIC_ORIGIN`, by default the listening address); state-changing requests must name one. */
  publicOrigins: z.array(originSchema).default([]),
  /** Also accept the origin a trusted proxy forwards (X-Forwarded-Proto/-Host): while `PUBLIC_ORIGIN` is not configured. */
  forwardedOrigin: z.boolean().default(false),
  /** Enables /api/test/* hooks (dropping every stream); never in production. */
  testHooks: z.boolean().default(false),
});

/** Validated platform configuration. */
export type PlatformConfig = z.infer<typeof platformConfigSchema>;
/** Configuration as given, with defaults still to apply. */
export type PlatformConfigInput = z.input<typeof platformConfigSchema>;
