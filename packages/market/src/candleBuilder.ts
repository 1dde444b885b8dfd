import { CANDLE_INTERVAL_MS, CANDLE_INTERVALS, type CandleInterval } from '@quoteline/protocol';

/** One OHLC candle of a symbol in integer minor units; `start` is the period start in ms since the Unix epoch. */
export interface Candle {
  symbol: string;
  interval: CandleInterval;
  start: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** how many ticks were folded in */
  ticks: number;
}

/** Settings of a candle builder; the defaults suit the platform. */
export interface CandleBuilderOptions {
  /** Intervals to build (default all of `CANDLE_INTERVALS`). */
  intervals?: readonly CandleInterval[];
  /** Closed candles kept in memory per symbol and interval (default 500); older ones live in the database only. */
  keepClosed?: number;
}

/** The start of the period of `interval` that contains `ts` (periods are aligned to the Unix epoch, i.e. UTC). */
export function periodStart(ts: number, interval: CandleInterval): number {
  const ms = CANDLE_INTERVAL_MS[interval];
  return Math.floor(ts / ms) * ms;
}

interface Series {
  closed: Candle[];
  current: Candle | null;
}

const keyOf = (c: Pick<Candle, 'symbol' | 'interval' | 'start'>) => `${c.symbol}|${c.interval}|${c.start}`;

/**
 * Folds ticks (symbol, price in minor units, ts) into OHLC candles of every
 * interval. Pure and synchronous: no timers, no I/O. It remembers which
 * candles changed since they were last taken, so a recorder can persist
 * changes in batches instead of writing per tick.
 */
export class CandleBuilder {
  readonly intervals: readonly CandleInterval[];
  private readonly keepClosed: number;
  private readonly series = new Map<string, Series>();
  /** Changed candles by key; values are the live objects, copied when taken. */
  private readonly changed = new Map<string, Candle>();

  constructor(options: CandleBuilderOptions = {}) {
    this.intervals = options.intervals ?? CANDLE_INTERVALS;
    this.keepClosed = Math.max(0, options.keepClosed ?? 500);
  }

  /**
   * Folds one tick into the current candle of every interval, closing a
   * candle when the tick starts a later period. A tick older than the current
   * period of an interval cannot change history there and is skipped; returns
   * false when it was skipped for every interval.
   */
  add(symbol: string, price: number, ts: number): boolean {
    let folded = false;
    for (const interval of this.intervals) {
      const series = this.seriesOf(symbol, interval, true)!;
      const start = periodStart(ts, interval);
      const current = series.current;
      if (current && start < current.start) continue;
      if (current && start === current.start) {
        current.high = Math.max(current.high, price);
        current.low = Math.min(current.low, price);
        current.close = price;
        current.ticks++;
        this.changed.set(keyOf(current), current);
      } else {
        if (current) this.close(series, current);
        const candle: Candle = {
          symbol,
          interval,
          start,
          open: price,
          high: price,
          low: price,
          close: price,
          ticks: 1,
        };
        series.current = candle;
        this.changed.set(keyOf(candle), candle);
      }
      folded = true;
    }
    return folded;
  }

  /**
   * Continues from candles read back after a restart: each becomes the
   * current candle of its series unless that series already has a later one,
   * so ticks of the same period extend it instead of starting over.
   */
  restore(candles: readonly Candle[]): void {
    for (const c of candles) {
      if (!this.intervals.includes(c.interval)) continue;
      const series = this.seriesOf(c.symbol, c.interval, true)!;
      if (series.current && series.current.start >= c.start) continue;
      if (series.current) this.close(series, series.current);
      series.current = { ...c };
    }
  }

  /** The candle of the period in progress, or null before the first tick. */
  current(symbol: string, interval: CandleInterval): Candle | null {
    const c = this.seriesOf(symbol, interval, false)?.current;
    return c ? { ...c } : null;
  }

  /** Closed candles still held in memory, oldest first (at most `keepClosed`). */
  closed(symbol: string, interval: CandleInterval): Candle[] {
    return (this.seriesOf(symbol, interval, false)?.closed ?? []).map((c) => ({ ...c }));
  }

  /** Closed candles held in memory followed by the current one, oldest first. */
  candles(symbol: string, interval: CandleInterval): Candle[] {
    const current = this.current(symbol, interval);
    return current ? [...this.closed(symbol, interval), current] : this.closed(symbol, interval);
  }

  /** Every candle that changed since the last call, as copies; the builder forgets them until they change again. */
  takeChanged(): Candle[] {
    const out = [...this.changed.values()].map((c) => ({ ...c }));
    this.changed.clear();
    return out;
  }

  /** Puts taken candles back (their write failed) unless a newer version of the same candle is already waiting. */
  putBack(candles: readonly Candle[]): void {
    for (const c of candles) if (!this.changed.has(keyOf(c))) this.changed.set(keyOf(c), { ...c });
  }

  /** How many candles wait to be taken; for tests and health. */
  get pending(): number {
    return this.changed.size;
  }

  private close(series: Series, candle: Candle): void {
    series.closed.push(candle);
    if (series.closed.length > this.keepClosed) series.closed.splice(0, series.closed.length - this.keepClosed);
  }

  private seriesOf(symbol: string, interval: CandleInterval, create: boolean): Series | undefined {
    const key = `${symbol}|${interval}`;
    let series = this.series.get(key);
    if (!series && create) this.series.set(key, (series = { closed: [], current: null }));
    return series;
  }
}
