import * as z from 'zod/mini';
import { feedField, titleField } from '@quoteline/widget-kit';

/** Columns the quote board can show, in their default order. */
export const QUOTE_BOARD_COLUMNS = ['symbol', 'name', 'last', 'change', 'changePercent', 'bid', 'ask', 'time'] as const;

/** A quote board column. */
export type QuoteBoardColumn = (typeof QUOTE_BOARD_COLUMNS)[number];

/** Configuration of a quote board, validated wherever it comes from (props, data attributes). */
export const quoteBoardConfigSchema = z.object({
  feed: feedField(),
  title: titleField('Quotes'),
  columns: z._default(z.array(z.enum(QUOTE_BOARD_COLUMNS)).check(z.minLength(1)), [...QUOTE_BOARD_COLUMNS]),
});

/** A validated quote board configuration. */
export type QuoteBoardConfig = z.infer<typeof quoteBoardConfigSchema>;
