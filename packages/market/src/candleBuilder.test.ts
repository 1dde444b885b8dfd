import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CANDLE_INTERVAL_MS, CANDLE_INTERVALS } from '@quoteline/protocol';
import { CandleBuilder, periodStart, type Candle } from './candleBuilder';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60_000;

describe('candle builder', () => {
  it('folds ticks of one period into one candle: first open, last close, max high, min low', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.add('ACME', 100, T0 + 1_000);
    b.add('ACME', 105, T0 + 2_000);
    b.add('ACME', 98, T0 + 3_000);
    b.add('ACME', 101, T0 + 59_999);
    expect(b.current('ACME', '1m')).toEqual({
      symbol: 'ACME',
      interval: '1m',
      start: T0,
      open: 100,
      high: 105,
      low: 98,
      close: 101,
      ticks: 4,
    });
    expect(b.closed('ACME', '1m')).toEqual([]);
  });

  it('closes a candle when a tick opens a later period, even after a gap', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.add('ACME', 100, T0);
    b.add('ACME', 102, T0 + 3 * MIN + 5);
    expect(b.closed('ACME', '1m').map((c) => [c.start, c.close])).toEqual([[T0, 100]]);
    expect(b.current('ACME', '1m')).toMatchObject({ start: T0 + 3 * MIN, open: 102, ticks: 1 });
    expect(b.candles('ACME', '1m').map((c) => c.start)).toEqual([T0, T0 + 3 * MIN]);
  });

  it('builds every interval at once, aligned to UTC periods', () => {
    const b = new CandleBuilder();
    b.add('ACME', 100, T0 + 7 * MIN + 30_000);
    expect(b.current('ACME', '1m')!.start).toBe(T0 + 7 * MIN);
    expect(b.current('ACME', '5m')!.start).toBe(T0 + 5 * MIN);
    expect(b.current('ACME', '1h')!.start).toBe(T0);
  });

  it('keeps symbols apart', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.add('ACME', 100, T0);
    b.add('GLOBX', 7, T0);
    expect(b.current('ACME', '1m')!.close).toBe(100);
    expect(b.current('GLOBX', '1m')!.close).toBe(7);
    expect(b.current('NONE', '1m')).toBeNull();
  });

  it('skips a tick older than the current period instead of rewriting history', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.add('ACME', 100, T0 + MIN);
    expect(b.add('ACME', 1, T0)).toBe(false);
    expect(b.candles('ACME', '1m')).toHaveLength(1);
    expect(b.current('ACME', '1m')!.low).toBe(100);
  });

  it('hands out changed candles once, and takes back a failed batch without losing newer changes', () => {
    const b = new CandleBuilder({ intervals: ['1m', '5m'] });
    for (let i = 0; i < 50; i++) b.add('ACME', 100 + i, T0 + i * 100);
    const first = b.takeChanged();
    expect(first).toHaveLength(2); // one candle per interval, however many ticks
    expect(b.takeChanged()).toEqual([]);
    b.add('ACME', 200, T0 + 6_000);
    b.putBack(first);
    const again = b.takeChanged();
    expect(again).toHaveLength(2);
    expect(again.every((c) => c.close === 200 && c.ticks === 51)).toBe(true);
  });

  it('bounds the closed candles it keeps', () => {
    const b = new CandleBuilder({ intervals: ['1m'], keepClosed: 3 });
    for (let i = 0; i < 10; i++) b.add('ACME', 100 + i, T0 + i * MIN);
    expect(b.closed('ACME', '1m').map((c) => c.open)).toEqual([106, 107, 108]);
  });

  it('continues a restored candle of the current period', () => {
    const b = new CandleBuilder({ intervals: ['1m'] });
    b.restore([{ symbol: 'ACME', interval: '1m', start: T0, open: 90, high: 120, low: 80, close: 110, ticks: 7 }]);
    b.add('ACME', 100, T0 + 30_000);
    expect(b.current('ACME', '1m')).toMatchObject({ open: 90, high: 120, low: 80, close: 100, ticks: 8 });
    b.add('ACME', 101, T0 + MIN);
    expect(b.closed('ACME', '1m')).toHaveLength(1);
  });

  it('agrees with the ticks it came from (property)', () => {
    const tick = fc.record({
      symbol: fc.constantFrom('ACME', 'GLOBX', 'INIT'),
      price: fc.integer({ min: 1, max: 10_000_000 }),
      // up to three hours of ticks, bunched so periods hold many or one
      dt: fc.oneof(fc.integer({ min: 0, max: 2_000 }), fc.integer({ min: 0, max: 20 * MIN })),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_000_000_000_000 }),
        fc.array(tick, { minLength: 1, maxLength: 300 }),
        (origin, raw) => {
          let ts = origin;
          const ticks = raw.map((t) => ({ symbol: t.symbol, price: t.price, ts: (ts += t.dt) }));
          const b = new CandleBuilder({ keepClosed: 10_000 });
          for (const t of ticks) expect(b.add(t.symbol, t.price, t.ts)).toBe(true);
          for (const interval of CANDLE_INTERVALS) {
            for (const symbol of new Set(ticks.map((t) => t.symbol))) {
              const mine = ticks.filter((t) => t.symbol === symbol);
              const candles = b.candles(symbol, interval);
              // every tick lies in exactly one candle: the periods are distinct, ordered, and their counts add up
              expect(candles.reduce((n, c) => n + c.ticks, 0)).toBe(mine.length);
              for (let i = 1; i < candles.length; i++) expect(candles[i]!.start).toBeGreaterThan(candles[i - 1]!.start);
              for (const c of candles) {
                expect(c.start % CANDLE_INTERVAL_MS[interval]).toBe(0);
                const inside = mine.filter((t) => periodStart(t.ts, interval) === c.start);
                expect(inside.length).toBe(c.ticks);
                expect(c).toEqual<Candle>({
                  symbol,
                  interval,
                  start: c.start,
                  open: inside[0]!.price,
                  close: inside.at(-1)!.price,
                  high: Math.max(...inside.map((t) => t.price)),
                  low: Math.min(...inside.map((t) => t.price)),
                  ticks: inside.length,
                });
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
