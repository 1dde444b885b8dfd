import { z } from 'zod';
import { staleAfterMsSchema, tradingCalendarSchema } from './marketSessions';
import { feedSlugSchema, MAX_TOPIC_NAME_LENGTH, MAX_TOPICS_PER_STREAM, symbolSchema } from './topics';
import { moneySchema } from './privateEvents';
import { ORIGIN_PATTERN } from './patterns';

/** Query of `GET /api/stream`. */
export const streamQuerySchema = z.object({
  topics: z.string(),
  lastEventId: z.string().max(200).optional(),
  key: z.string().max(200).optional(),
});

/** Bounds of a topic's update interval on one stream (`rates` in the subscriptions POST). */
export const MIN_UPDATE_INTERVAL_MS = 100;
export const MAX_UPDATE_INTERVAL_MS = 60_000;

/** Body of `POST /api/stream/subscriptions`: change the topics of an open stream. */
export const subscriptionRequestSchema = z
  .object({
    connectionId: z.string().min(1).max(100),
    token: z.string().min(1).max(200),
    // Items are strings, not topics: each is decided on its own, a malformed one refused alone.
    subscribe: z.array(z.string().max(MAX_TOPIC_NAME_LENGTH)).max(MAX_TOPICS_PER_STREAM).default([]),
    unsubscribe: z.array(z.string().max(MAX_TOPIC_NAME_LENGTH)).max(MAX_TOPICS_PER_STREAM).default([]),
    /**
     * Per topic the stream carries: at most one update per symbol every N ms
     * (a widget out of sight), 0 for every update again. Applied after the
     * lists above, so a topic added in the same request can be given its rate.
     */
    rates: z
      .record(
        z.string().max(MAX_TOPIC_NAME_LENGTH),
        z
          .number()
          .int()
          .refine(
            (ms) => ms === 0 || (ms >= MIN_UPDATE_INTERVAL_MS && ms <= MAX_UPDATE_INTERVAL_MS),
            `0, or ${MIN_UPDATE_INTERVAL_MS} to ${MAX_UPDATE_INTERVAL_MS} ms`,
          ),
      )
      .refine((r) => Object.keys(r).length <= MAX_TOPICS_PER_STREAM, `at most ${MAX_TOPICS_PER_STREAM} topics`)
      .default({}),
  })
  .strict();

/** Body of `POST /api/session`. */
export const sessionRequestSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(254),
  password: z.string().min(1).max(200),
});

/**
 * Highest price an instrument may be given or pushed at. Prices are stored as
 * integer cents, and PostgreSQL's integer ends at 21,474,836.47: one price
 * above it would fail every batch that writes it (candles, last prices).
 */
export const MAX_PRICE = 10_000_000;

const storablePrice = z.number().finite().positive().max(MAX_PRICE, 'a price is at most 10,000,000');

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
    price: storablePrice,
    /** decimals the instrument is quoted with: 2 for most equities, 4-5 for FX, up to 8 for crypto */
    decimals: z.number().int().min(0).max(8).default(2),
    /** smallest price step, as a price (e.g. 0.05); one unit of the last decimal when left out */
    tickSize: z.number().finite().positive().optional(),
  })
  .strict();

/** One tick of `POST /api/feeds/<slug>/ticks`. */
export const pushTickSchema = z
  .object({
    symbol: symbolSchema,
    price: storablePrice,
    bid: storablePrice.optional(),
    ask: storablePrice.optional(),
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
  origins: z
    .array(
      z
        .string()
        .trim()
        .regex(ORIGIN_PATTERN, 'an origin like https://example.com, http://localhost:* or https://*.example.com'),
    )
    .min(1)
    .max(50),
  feeds: z.array(feedSlugSchema).min(1).max(50),
  symbols: z.array(symbolSchema).max(500).nullable().default(null),
});

export type EmbedKeyRequest = z.infer<typeof embedKeyRequestSchema>;

/** A feed's display name. */
const feedNameSchema = z.string().trim().min(1, 'enter a name').max(80, 'a name is at most 80 characters');

/** Simulator settings an admin may change live (messages say the allowed range: the admin form shows them next to the fields). */
export const simulatorSettingsSchema = z.object({
  tickIntervalMs: z
    .number({ error: 'enter a number of milliseconds' })
    .int('whole milliseconds')
    .min(50, 'a tick interval is 50 to 60000 ms')
    .max(60_000, 'a tick interval is 50 to 60000 ms'),
  volatility: z
    .number({ error: 'enter a number' })
    .finite()
    .min(0, 'volatility is 0 to 5 (0.4 = 40 % a year)')
    .max(5, 'volatility is 0 to 5 (0.4 = 40 % a year)'),
  drift: z
    .number({ error: 'enter a number' })
    .finite()
    .min(-5, 'drift is -5 to 5 (0.1 = +10 % a year)')
    .max(5, 'drift is -5 to 5 (0.1 = +10 % a year)'),
  spreadBps: z
    .number({ error: 'enter a number of basis points' })
    .int('whole basis points')
    .min(0, 'a spread is 0 to 1000 basis points')
    .max(1000, 'a spread is 0 to 1000 basis points'),
});

/** Seed of a simulator's random source: the same seed replays the same prices. */
export const simulatorSeedSchema = z
  .number({ error: 'enter a whole number' })
  .int('a seed is a whole number')
  .min(0, 'a seed is 0 to 2147483647')
  .max(2_147_483_647, 'a seed is 0 to 2147483647');

/** Body of `POST /api/admin/feeds`. */
export const createFeedRequestSchema = z
  .object({
    slug: feedSlugSchema,
    name: feedNameSchema,
    source: z.enum(['simulator', 'push', 'replay']).default('simulator'),
  })
  .extend(simulatorSettingsSchema.partial().shape)
  .extend({ seed: simulatorSeedSchema.optional() })
  .strict();

/** Body of `PATCH /api/admin/feeds/<slug>`: rename, retune, set the trading calendar (null: always open) and staleness bound (null: never stale). */
export const updateFeedRequestSchema = z
  .object({ name: feedNameSchema })
  .extend(simulatorSettingsSchema.shape)
  .extend({ calendar: tradingCalendarSchema.nullable(), staleAfterMs: staleAfterMsSchema })
  .partial()
  .strict();

export type CreateFeedRequest = z.infer<typeof createFeedRequestSchema>;
export type UpdateFeedRequest = z.infer<typeof updateFeedRequestSchema>;

/** Largest replay CSV upload. */
export const MAX_REPLAY_BYTES = 1024 * 1024;

/** Query of `POST /api/admin/feeds/<slug>/replay`: `speed` (0.1-1000, default 1) and `loop` (on unless `false`). */
export const replayOptionsSchema = z.object({
  speed: z.coerce
    .number({ error: 'enter a number' })
    .min(0.1, 'speed is 0.1 to 1000 (10 = ten times faster)')
    .max(1000, 'speed is 0.1 to 1000 (10 = ten times faster)')
    .default(1),
  loop: z
    .string()
    .optional()
    .transform((v) => v !== 'false'),
});

export type ReplayOptions = z.infer<typeof replayOptionsSchema>;

/** Longest text `GET /api/instruments?q=` searches for (after trimming). */
export const MAX_INSTRUMENT_QUERY_LENGTH = 64;
/** Most instruments one search answers. */
export const MAX_INSTRUMENT_SEARCH_RESULTS = 50;

/**
 * Query of `GET /api/instruments?q=&limit=`: `q` is 1-64 characters once trimmed, without control characters;
 * `limit` is 1-50 (default 10).
 */
export const instrumentSearchQuerySchema = z.object({
  q: z
    .string({ error: 'say what to search for: q=<symbol or name>' })
    .refine((q) => !/\p{Cc}/u.test(q), 'q must not contain control characters')
    .transform((q) => q.trim())
    .pipe(
      z
        .string()
        .min(1, 'q must not be empty')
        .max(MAX_INSTRUMENT_QUERY_LENGTH, `q is at most ${MAX_INSTRUMENT_QUERY_LENGTH} characters`),
    ),
  limit: z.coerce
    .number({ error: 'limit is a whole number' })
    .int(`limit is a whole number from 1 to ${MAX_INSTRUMENT_SEARCH_RESULTS}`)
    .min(1, `limit is a whole number from 1 to ${MAX_INSTRUMENT_SEARCH_RESULTS}`)
    .max(MAX_INSTRUMENT_SEARCH_RESULTS, `limit is a whole number from 1 to ${MAX_INSTRUMENT_SEARCH_RESULTS}`)
    .default(10),
});

export type InstrumentSearchQuery = z.infer<typeof instrumentSearchQuerySchema>;
