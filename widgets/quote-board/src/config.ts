import { z } from 'zod';
import { feedSlugSchema } from '@quoteline/protocol';

/** Columns the quote board can show, in their default order. */
export const QUOTE_BOARD_COLUMNS = ['symbol', 'name', 'last', 'change', 'changePercent', 'bid', 'ask', 'time'] as const;

/** A quote board column. */
export type QuoteBoardColumn = (typeof QUOTE_BOARD_COLUMNS)[number];

/** Configuration of a quote board, validated wherever it comes from (props, data attributes). */
export const quoteBoardConfigSchema = z.object({
  feed: feedSlugSchema.default('demo'),
  title: z.string().max(80).default('Quotes'),
  columns: z.array(z.enum(QUOTE_BOARD_COLUMNS)).min(1).default([...QUOTE_BOARD_COLUMNS]),
});

/** A validated quote board configuration. */
export type QuoteBoardConfig = z.infer<typeof quoteBoardConfigSchema>;
