import { describe, expect, it } from 'vitest';
import { CANDLE_INTERVAL_MS } from '@quoteline/protocol';
import { simulatedHistory } from './simulatedHistory';

const HOUR = 3_600_000;
const end = Date.UTC(2026, 10, 25, 9, 30, 20);
const options = {
  symbol: 'ACME',
  lastPrice: 14_250,
  tickSize: 1,
  params: { volatility: 0.35, drift: 0 },
  seed: 42,
  end,
  spanMs: 12 * HOUR,
  stepMs: 2_000,
};

describe('simulated history', () => {
  const candles = simulatedHistory(options);
  const of = (interval: '1m' | '5m' | '1h') =>
    candles.filter((c) => c.interval === interval).sort((a, b) => a.start - b.start);

  it('covers the span in every interval, aligned, without gaps, up to the period in progress', () => {
    expect(of('1m')).toHaveLength(12 * 60 + 1); // the span does not start on a minute: one partial candle at each end
    for (const interval of ['1m', '5m', '1h'] as const) {
      const series = of(interval);
      const ms = CANDLE_INTERVAL_MS[interval];
      series.forEach((c, i) => {
        expect(c.start % ms).toBe(0);
        if (i > 0) expect(c.start - series[i - 1]!.start).toBe(ms);
      });
      expect(series.at(-1)!.start).toBe(Math.floor((end - 1) / ms) * ms);
    }
  });

  it('ends at the last price, so the live feed continues it, with sane candles on the tick grid', () => {
    for (const interval of ['1m', '5m', '1h'] as const) expect(of(interval).at(-1)!.close).toBe(14_250);
    for (const c of candles) {
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      expect(c.low).toBeGreaterThan(0);
      expect(
        Number.isInteger(c.open) && Number.isInteger(c.high) && Number.isInteger(c.low) && Number.isInteger(c.close),
      ).toBe(true);
    }
    // one candle's close is the next one's open give or take a step: no jumps between periods
    const minutes = of('1m');
    const jumps = minutes.slice(1).map((c, i) => Math.abs(c.open - minutes[i]!.close) / minutes[i]!.close);
    expect(Math.max(...jumps)).toBeLessThan(0.01);
  });

  it('moves like the feed: a 35 % volatility wanders, but not wildly, over the span', () => {
    const first = of('1m')[0]!.open;
    expect(first).not.toBe(14_250);
    expect(Math.abs(Math.log(first / 14_250))).toBeLessThan(1);
    expect(new Set(of('1m').map((c) => c.close)).size).toBeGreaterThan(100);
  });

  it('is the same for a seed and differs across seeds', () => {
    expect(simulatedHistory(options)).toEqual(candles);
    expect(simulatedHistory({ ...options, seed: 43 })).not.toEqual(candles);
  });
});
