import { describe, expect, it } from 'vitest';
import { barTime, barWithTick, chartSummary } from './bars';

const T = Date.UTC(2026, 0, 5, 9, 0, 0);

describe('live bars', () => {
  it('aligns ticks to the server’s periods, in seconds', () => {
    expect(barTime(T + 59_999, '1m')).toBe(T / 1000);
    expect(barTime(T + 7 * 60_000, '5m')).toBe(T / 1000 + 300);
    expect(barTime(T + 59 * 60_000, '1h')).toBe(T / 1000);
  });

  it('extends the last bar within its period and opens a new one after it', () => {
    const last = { time: T / 1000, open: 10, high: 12, low: 9, close: 11 };
    expect(barWithTick(last, 13, T + 5_000, '1m')).toEqual({ time: T / 1000, open: 10, high: 13, low: 9, close: 13 });
    expect(barWithTick(last, 8.5, T + 5_000, '1m')).toEqual({
      time: T / 1000,
      open: 10,
      high: 12,
      low: 8.5,
      close: 8.5,
    });
    expect(barWithTick(last, 11.5, T + 61_000, '1m')).toEqual({
      time: T / 1000 + 60,
      open: 11.5,
      high: 11.5,
      low: 11.5,
      close: 11.5,
    });
    expect(barWithTick(null, 11.5, T, '1m')).toMatchObject({ time: T / 1000, open: 11.5 });
  });

  it('ignores a tick older than the last bar', () => {
    expect(barWithTick({ time: T / 1000, open: 1, high: 1, low: 1, close: 1 }, 2, T - 1, '1m')).toBeNull();
  });
});

describe('chart summary', () => {
  it('says symbol, interval, last price and the change in words', () => {
    expect(
      chartSummary({
        symbol: 'ACME',
        interval: '1m',
        kind: 'candles',
        quote: { price: 143.86, open: 142.5, decimals: 2 },
      }),
    ).toBe('ACME, 1-minute candles. Last 143.86, up 1.36 (0.95 %) since the open.');
    expect(
      chartSummary({ symbol: 'ACME', interval: '1h', kind: 'line', quote: { price: 140, open: 142.5, decimals: 2 } }),
    ).toBe('ACME, 1-hour line chart. Last 140.00, down 2.50 (1.75 %) since the open.');
    expect(
      chartSummary({ symbol: 'X', interval: '5m', kind: 'candles', quote: { price: 1, open: 1, decimals: 0 } }),
    ).toContain('Last 1, unchanged');
    expect(chartSummary({ symbol: 'X', interval: '5m', kind: 'candles', quote: null })).toBe(
      'X, 5-minute candles. Waiting for the first price.',
    );
  });
});
