// The public props, written out so the published types need nothing but React's.
// props.check.ts proves they are the widgets' config schemas (what data-* attributes carry).
import type { ReactNode } from 'react';

/** `light` or `dark`; the reader's preference when not given. */
export type QuotelineTheme = 'light' | 'dark';

/**
 * Theme tokens by name: colours (light and dark alike once set), font, radius
 * and density (a padding multiplier, 1 by default). The same names work as
 * CSS custom properties `--ql-<name>` on any ancestor of the widget.
 */
export type QuotelineTokens = Partial<
  Record<
    | 'bg'
    | 'fg'
    | 'muted'
    | 'border'
    | 'head'
    | 'up'
    | 'down'
    | 'flash-up'
    | 'flash-down'
    | 'skeleton'
    | 'accent'
    | 'accent-fg'
    | 'field'
    | 'warn'
    | 'warn-bg'
    | 'font-family'
    | 'font-size'
    | 'radius'
    | 'density',
    string
  >
>;

/** Where Quoteline is and the page's embed key. */
export interface QuotelineProviderProps {
  /** Quoteline's origin, e.g. `https://quoteline.example` */
  url: string;
  /** the public embed key whose origins include this page (`pk_...`) */
  embedKey: string;
  children?: ReactNode;
}

/** A ticker tape: `data-feed`, `data-symbols`, `data-speed`, `data-title`, `data-theme`, `data-locale`, `data-tokens`. */
export interface TickerTapeProps {
  /** feed slug, `demo` when not given */
  feed?: string;
  /** which symbols, in this order (an array or a comma list); every symbol of the feed when not given */
  symbols?: string | string[];
  /** scrolling speed in pixels per second, 10-400 (default 60) */
  speed?: number;
  /** name of the tape for screen readers (default `Ticker tape`) */
  title?: string;
  theme?: QuotelineTheme;
  /** BCP 47 locale of numbers, dates and words (`de-DE`); the reader's browser locale when not given */
  locale?: string;
  tokens?: QuotelineTokens;
}

/** Columns a quote board can show. */
export type QuoteBoardColumn = 'symbol' | 'name' | 'last' | 'change' | 'changePercent' | 'bid' | 'ask' | 'time';

/** A quote board: `data-feed`, `data-columns`, `data-title`, `data-theme`, `data-locale`, `data-tokens`. */
export interface QuoteBoardProps {
  /** feed slug, `demo` when not given */
  feed?: string;
  /** heading (default `Quotes`) */
  title?: string;
  /** which columns, in this order (default all) */
  columns?: QuoteBoardColumn[];
  theme?: QuotelineTheme;
  /** BCP 47 locale of numbers, dates and words (`de-DE`); the reader's browser locale when not given */
  locale?: string;
  tokens?: QuotelineTokens;
}

/** A price chart: `data-symbol`, `data-feed`, `data-interval`, `data-kind`, `data-title`, `data-theme`, `data-locale`, `data-tokens`. */
export interface PriceChartProps {
  symbol: string;
  /** the feed whose live quotes extend the last candle, `demo` when not given */
  feed?: string;
  interval?: '1m' | '5m' | '1h';
  kind?: 'candles' | 'line';
  /** heading; the symbol when not given */
  title?: string;
  theme?: QuotelineTheme;
  /** BCP 47 locale of numbers, dates and words (`de-DE`); the reader's browser locale when not given */
  locale?: string;
  tokens?: QuotelineTokens;
}
