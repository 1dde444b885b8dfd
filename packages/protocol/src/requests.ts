import { z } from 'zod';
import { feedSlugSchema, MAX_TOPICS_PER_STREAM, symbolSchema, topicSchema } from './topics';
import { moneySchema } from './privateEvents';
import { ORIGIN_PATTERN } from './patterns';

/** Query of `GET /api/stream`. */
export const streamQuerySchema = z.object({
  topics: z.string(),
  lastEventId: z.string().max(200).optional(),
  key: z.string().max(200).optional(),
});

/** Body of `POST /api/stream/subscriptions`: change the topics of an open stream. */
export const subscriptionRequestSchema = z
  .object({
    connectionId: z.string().min(1).max(100),
    token: z.string().min(1).max(200),
    subscribe: z.array(topicSchema).max(MAX_TOPICS_PER_STREAM).default([]),
    unsubscribe: z.array(topicSchema).max(MAX_TOPICS_PER_STREAM).default([]),
  })
  .strict();

/** Body of `POST /api/session`. */
export const sessionRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

/** Largest quantity one order may ask for; keeps arithmetic far from overflow. */
export const MAX_ORDER_QUANTITY = 1_000_000;

/** Body of `POST /api/orders`. A limit order needs a limit price; a market order must not have one. */
export const orderRequestSchema = z
  .object({
    symbol: symbolSchema,
    side: z.enum(['buy', 'sell']),
    type: z.enum(['market', 'limit']),
    quantity: z.number().int().positive().max(MAX_ORDER_QUANTITY),
    limitPrice: z.union([z.number().finite().positive().max(1e9), moneySchema]).optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.type === 'limit' && o.limitPrice === undefined)
      ctx.addIssue({ code: 'custom', path: ['limitPrice'], message: 'a limit order needs a limit price' });
    if (o.type === 'market' && o.limitPrice !== undefined)
      ctx.addIssue({ code: 'custom', path: ['limitPrice'], message: 'a market order takes no limit price' });
  });

/** Body of `POST /api/admin/feeds/<slug>/instruments`. */
export const addInstrumentRequestSchema = z
  .object({
    symbol: symbolSchema,
    name: z.string().trim().min(1).max(80),
    price: z.number().finite().positive().max(1e9),
  })
  .strict();

/** One tick of `POST /api/feeds/<slug>/ticks`. */
export const pushTickSchema = z
  .object({
    symbol: symbolSchema,
    price: z.number().finite().positive().max(1e9),
    bid: z.number().finite().positive().max(1e9).optional(),
    ask: z.number().finite().positive().max(1e9).optional(),
    ts: z.number().int().nonnegative().optional(),
  })
  .strict();

/** Body of `POST /api/feeds/<slug>/ticks`. */
export const pushTicksRequestSchema = z.object({ ticks: z.array(z.unknown()).min(1).max(1000) });

/** Path parameter naming a feed. */
export const feedSlugParamSchema = feedSlugSchema;

export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;
export type SessionRequest = z.infer<typeof sessionRequestSchema>;
export type OrderRequest = z.infer<typeof orderRequestSchema>;
export type AddInstrumentRequest = z.infer<typeof addInstrumentRequestSchema>;
export type PushTick = z.infer<typeof pushTickSchema>;

/** Body of `POST /api/admin/embed-keys` (the CLI and seed validate the same way). */
export const embedKeyRequestSchema = z.object({
  label: z.string().trim().min(1).max(80),
  origins: z.array(z.string().trim().regex(ORIGIN_PATTERN, 'an origin like https://example.com, http://localhost:* or https://*.example.com')).min(1).max(50),
  feeds: z.array(feedSlugSchema).min(1).max(50),
  symbols: z.array(symbolSchema).max(500).nullable().default(null),
});

export type EmbedKeyRequest = z.infer<typeof embedKeyRequestSchema>;

/** Simulator settings an admin may change live. */
export const simulatorSettingsSchema = z.object({
  tickIntervalMs: z.number().int().min(50).max(60_000),
  volatility: z.number().finite().min(0).max(5),
  drift: z.number().finite().min(-5).max(5),
  spreadBps: z.number().int().min(0).max(1000),
});

/** Body of `POST /api/admin/feeds`. */
export const createFeedRequestSchema = z
  .object({ slug: feedSlugSchema, name: z.string().trim().min(1).max(80), source: z.enum(['simulator', 'push', 'replay']).default('simulator') })
  .extend(simulatorSettingsSchema.partial().shape)
  .strict();

/** Body of `PATCH /api/admin/feeds/<slug>`: rename and/or retune. */
export const updateFeedRequestSchema = z
  .object({ name: z.string().trim().min(1).max(80) })
  .extend(simulatorSettingsSchema.shape)
  .partial()
  .strict();

export type CreateFeedRequest = z.infer<typeof createFeedRequestSchema>;
