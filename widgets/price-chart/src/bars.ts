import type { CandleView } from '@quoteline/protocol';
import { CANDLE_INTERVAL_MS, type CandleInterval } from '@quoteline/protocol/patterns';
import { quoteChange } from '@quoteline/widget-kit';

/** One bar as the chart draws it: period start in Unix seconds and wire prices. */
export type Bar = CandleView;

/** The start (Unix seconds) of the candle period of `interval` containing `tsMs`, as the server aligns it. */
export function barTime(tsMs: number, interval: CandleInterval): number {
  const ms = CANDLE_INTERVAL_MS[interval];
  return (Math.floor(tsMs / ms) * ms) / 1000;
}

/**
 * The last bar after a live tick: a tick of the same period extends it, a
 * later one opens a new bar; null when the tick is older than the last bar
 * (history already covers it, and the chart cannot draw backwards).
 */
export function barWithTick(last: Bar | null, price: number, tsMs: number, interval: CandleInterval): Bar | null {
  const time = barTime(tsMs, interval);
  if (!last || time > last.time) return { time, open: price, high: price, low: price, close: price };
  if (time < last.time) return null;
  return { time, open: last.open, high: Math.max(last.high, price), low: Math.min(last.low, price), close: price };
}

const INTERVAL_WORDS: Record<CandleInterval, string> = { '1m': '1-minute', '5m': '5-minute', '1h': '1-hour' };

/** What the chart shows, in words: symbol, interval, last price and change since the open. */
export function chartSummary(input: {
  symbol: string;
  interval: CandleInterval;
  kind: 'candles' | 'line';
  /** last price, reference open and decimals from the live quote; null before the first one */
  quote: { price: number; open: number; decimals: number } | null;
}): string {
  const what = `${input.symbol}, ${INTERVAL_WORDS[input.interval]} ${input.kind === 'line' ? 'line chart' : 'candles'}.`;
  const q = input.quote;
  if (!q) return `${what} Waiting for the first price.`;
  const { change, percent, direction } = quoteChange(q.price, q.open, q.decimals);
  const amount = `${Math.abs(change).toFixed(q.decimals)} (${Math.abs(percent).toFixed(2)} %)`;
  const move = direction === 'up' ? `up ${amount}` : direction === 'down' ? `down ${amount}` : 'unchanged';
  return `${what} Last ${q.price.toFixed(q.decimals)}, ${move} since the open.`;
}
