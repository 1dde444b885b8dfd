import { z } from 'zod';
import { feedSlugSchema, symbolSchema } from '@quoteline/protocol';

/** Symbols as an array or a comma list (what a data attribute carries), trimmed and de-duplicated. */
const symbolListSchema = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [...new Set((typeof v === 'string' ? v.split(',') : v).map((s) => s.trim()).filter(Boolean))])
  .pipe(z.array(symbolSchema).min(1).max(50));

/** Configuration of a ticker tape, validated wherever it comes from (props, data attributes). */
export const tickerTapeConfigSchema = z.object({
  feed: feedSlugSchema.default('demo'),
  /** which symbols, in this order; every symbol of the feed when not given */
  symbols: symbolListSchema.optional(),
  /** scrolling speed in pixels per second */
  speed: z.coerce.number().min(10).max(400).default(60),
  /** name of the tape for screen readers */
  title: z.string().trim().min(1).max(80).default('Ticker tape'),
});

/** A validated ticker tape configuration. */
export type TickerTapeConfig = z.infer<typeof tickerTapeConfigSchema>;
