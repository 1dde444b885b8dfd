// Compile-time only (never built): the public props are the widgets' own props,
// i.e. their config schemas, the ones the data-* attributes are parsed with.
import type { PriceChartProps as ChartProps } from '@quoteline/price-chart';
import type { QuoteBoardProps as BoardProps } from '@quoteline/quote-board';
import type { TickerTapeProps as TapeProps } from '@quoteline/ticker-tape';
import type { ThemeToken } from '@quoteline/widget-kit';
import type { PriceChartProps, QuotelineTokens, QuoteBoardProps, TickerTapeProps } from './props';

type Same<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
type Fits<A, B> = A extends B ? true : false;
type Holds<T extends true> = T;

export type PropsMatchTheSchemas = [
  Holds<Same<Required<TickerTapeProps>, Required<TapeProps>>>,
  Holds<Fits<TickerTapeProps, TapeProps>>,
  Holds<Same<Required<QuoteBoardProps>, Required<BoardProps>>>,
  Holds<Fits<QuoteBoardProps, BoardProps>>,
  Holds<Same<Required<PriceChartProps>, Required<ChartProps>>>,
  Holds<Fits<PriceChartProps, ChartProps>>,
  Holds<Fits<Required<QuoteBoardProps>['columns'][number], NonNullable<BoardProps['columns']>[number]>>,
  Holds<Fits<NonNullable<BoardProps['columns']>[number], Required<QuoteBoardProps>['columns'][number]>>,
  Holds<Fits<keyof QuotelineTokens, ThemeToken>>,
  Holds<Fits<ThemeToken, keyof QuotelineTokens>>,
];
