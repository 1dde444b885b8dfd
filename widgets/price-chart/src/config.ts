import * as z from 'zod/mini';
import { CANDLE_INTERVALS } from '@quoteline/protocol/patterns';
import { feedField, symbolField } from '@quoteline/widget-kit';

/** Configuration of a price chart, validated wherever it comes from (props, data attributes). zod/mini: embeds stay small. */
export const priceChartConfigSchema = z.object({
  symbol: symbolField(),
  /** the feed whose live quotes extend the last candle */
  feed: feedField(),
  interval: z._default(z.enum(CANDLE_INTERVALS), '1m'),
  kind: z._default(z.enum(['candles', 'line']), 'candles'),
  /** heading; the symbol when not given */
  title: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(80))),
});

/** A validated price chart configuration. */
export type PriceChartConfig = z.infer<typeof priceChartConfigSchema>;
