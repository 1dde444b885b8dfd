import { z } from 'zod';
import { symbolSchema } from './topics';
import { CANDLE_INTERVALS } from './patterns';

/** Most candles one request may ask for; bounds the query and the response. */
export const MAX_CANDLES_PER_REQUEST = 1000;

/** A candle interval as it appears in a URL. */
export const candleIntervalSchema = z.enum(CANDLE_INTERVALS);

/** Query of `GET /api/instruments/<symbol>/candles`: interval (default 1m) and an optional limit. */
export const candlesQuerySchema = z.object({
  interval: candleIntervalSchema.default('1m'),
  limit: z.coerce.number().int().min(1).max(MAX_CANDLES_PER_REQUEST).default(300),
});

/** One candle on the wire: period start in Unix seconds (what charts take) and wire prices. */
export const candleViewSchema = z.object({
  time: z.number().int().nonnegative(),
  open: z.number().finite().nonnegative(),
  high: z.number().finite().nonnegative(),
  low: z.number().finite().nonnegative(),
  close: z.number().finite().nonnegative(),
});

/** Body of `GET /api/instruments/<symbol>/candles`: oldest first, the last one possibly still in progress. */
export const candlesResponseSchema = z.object({
  symbol: symbolSchema,
  interval: candleIntervalSchema,
  decimals: z.number().int().min(0).max(8),
  candles: z.array(candleViewSchema),
});

export type CandlesQuery = z.infer<typeof candlesQuerySchema>;
export type CandleView = z.infer<typeof candleViewSchema>;
export type CandlesResponse = z.infer<typeof candlesResponseSchema>;
