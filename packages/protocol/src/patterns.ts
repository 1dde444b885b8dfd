// The shapes of names, as plain regular expressions: the zod schemas of this
// package use them, and so do browser bundles that must not carry full zod.

/** A feed slug: lowercase letters, digits and dashes, 1-32 characters. */
export const FEED_SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
/** An instrument symbol: 1-12 uppercase letters, digits, dots or dashes. */
export const SYMBOL_PATTERN = /^[A-Z0-9][A-Z0-9.-]{0,11}$/;
/** An account id inside an `account:` topic. */
export const ACCOUNT_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Most topics one stream may carry; bounds the work a single request can ask for. */
export const MAX_TOPICS_PER_STREAM = 32;

/** Candle intervals the engine builds; a short fixed list keeps storage and the chart's choices bounded. */
export const CANDLE_INTERVALS = ['1m', '5m', '1h'] as const;

/** One of the candle intervals. */
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

/** Length of each interval in milliseconds, so period starts can be computed without a date library. */
export const CANDLE_INTERVAL_MS: Readonly<Record<CandleInterval, number>> = {
  '1m': 60_000,
  '5m': 300_000,
  '1h': 3_600_000,
};

/** An allowed-origin pattern of an embed key: `https://x.com`, `http://localhost:*` (any port), `https://*.x.com` (any subdomain). */
export const ORIGIN_PATTERN = /^(https?):\/\/(\*\.)?([a-z0-9.-]+)(?::(\d{1,5}|\*))?$/i;
