import { z } from 'zod';
import { candleIntervalSchema, feedSlugSchema, symbolSchema } from '@quoteline/protocol';

/** Configuration of a price chart, validated wherever it comes from (props, data attributes). */
export const priceChartConfigSchema = z.object({
  symbol: symbolSchema,
  /** the feed whose live quotes extend the last candle */
  feed: feedSlugSchema.default('demo'),
  interval: candleIntervalSchema.default('1m'),
  kind: z.enum(['candles', 'line']).default('candles'),
  /** heading; the symbol when not given */
  title: z.string().trim().min(1).max(80).optional(),
});

/** A validated price chart configuration. */
export type PriceChartConfig = z.infer<typeof priceChartConfigSchema>;
