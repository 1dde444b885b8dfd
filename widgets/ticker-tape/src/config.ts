import * as z from 'zod/mini';
import { SYMBOL_PATTERN } from '@quoteline/protocol/patterns';
import { feedField, titleField } from '@quoteline/widget-kit';

/** Symbols as an array or a comma list (what a data attribute carries), trimmed and de-duplicated. */
const symbolListSchema = z.pipe(
  z.pipe(
    z.union([z.string(), z.array(z.string())]),
    z.transform((v: string | string[]) => [
      ...new Set((typeof v === 'string' ? v.split(',') : v).map((s) => s.trim()).filter(Boolean)),
    ]),
  ),
  z
    .array(z.string().check(z.regex(SYMBOL_PATTERN, 'a symbol is 1-12 uppercase letters, digits, dots or dashes')))
    .check(z.minLength(1), z.maxLength(50)),
);

/** Configuration of a ticker tape, validated wherever it comes from (props, data attributes). zod/mini: embeds stay small. */
export const tickerTapeConfigSchema = z.object({
  feed: feedField(),
  /** which symbols, in this order; every symbol of the feed when not given */
  symbols: z.optional(symbolListSchema),
  /** scrolling speed in pixels per second */
  speed: z._default(z.coerce.number().check(z.minimum(10), z.maximum(400)), 60),
  /** name of the tape for screen readers */
  title: titleField('Ticker tape'),
});

/** A validated ticker tape configuration. */
export type TickerTapeConfig = z.infer<typeof tickerTapeConfigSchema>;
