import { z } from 'zod';
import { topicRefusalSchema, topicSchema } from './topics';

/** Body of `GET /api/health`. */
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

/** Body of a successful `POST /api/stream/subscriptions`. */
export const subscriptionResponseSchema = z.object({ topics: z.array(topicSchema), refused: z.array(topicRefusalSchema) });

export type HealthResponse = z.infer<typeof healthResponseSchema>;
export type SubscriptionResponse = z.infer<typeof subscriptionResponseSchema>;
