import { z } from 'zod';
import { feedSlugSchema, symbolSchema, topicRefusalSchema, topicSchema } from './topics';

/** Body of `GET /api/health`, the liveness check: always 200 while the process runs; `db` and `bus` are for people. */
export const healthResponseSchema = z.object({
  status: z.literal('ok'),
  instance: z.string(),
  db: z.enum(['ok', 'error']),
  bus: z.enum(['ok', 'error']),
  connections: z.number().int().nonnegative(),
  epoch: z.string(),
  head: z.string(),
  /** True on the one instance that runs the feeds (always true unless scaled). */
  producer: z.boolean(),
  /** Totals of this instance's stream hub since start. */
  stream: z.object({
    opened: z.number().int().nonnegative(),
    delivered: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
    conflated: z.number().int().nonnegative(),
    /** Largest unsent queue of any open connection right now, in bytes. */
    maxPendingBytes: z.number().int().nonnegative(),
    closed: z.record(z.string(), z.number().int().nonnegative()),
  }),
});

/** Body of `GET /api/health/ready`: 200 with `ready` when this instance can serve, 503 with `unavailable` while a dependency is down. */
export const readinessResponseSchema = z.object({
  status: z.enum(['ready', 'unavailable']),
  instance: z.string(),
  db: z.enum(['ok', 'error']),
  /** `ok` when not scaled (no Redis to reach). */
  bus: z.enum(['ok', 'error']),
});

/** Body of a successful `POST /api/stream/subscriptions`. */
export const subscriptionResponseSchema = z.object({
  topics: z.array(topicSchema),
  refused: z.array(topicRefusalSchema),
});

/** One instrument a search found: its feed, the decimals it is quoted with and its latest price (a wire price). */
export const instrumentMatchSchema = z.object({
  symbol: symbolSchema,
  name: z.string(),
  feed: feedSlugSchema,
  decimals: z.number().int().min(0).max(8),
  last: z.number().finite().nonnegative(),
});

/** Body of `GET /api/instruments?q=`: best match first (exact symbol, symbol prefix, then a word of the name). */
export const instrumentSearchResponseSchema = z.object({
  instruments: z.array(instrumentMatchSchema),
});

export type HealthResponse = z.infer<typeof healthResponseSchema>;
export type ReadinessResponse = z.infer<typeof readinessResponseSchema>;
export type SubscriptionResponse = z.infer<typeof subscriptionResponseSchema>;
export type InstrumentMatch = z.infer<typeof instrumentMatchSchema>;
export type InstrumentSearchResponse = z.infer<typeof instrumentSearchResponseSchema>;

/** An embed key as admins see it. */
export interface EmbedKeyListing {
  key: string;
  label: string;
  origins: string[];
  feeds: string[];
  symbols: string[] | null;
  revokedAt: string | null;
  createdAt: string;
}
