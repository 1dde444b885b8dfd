import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRandom } from './random';
import { gbmStep, quoteFromMid } from './simulator';

const params = { volatility: 0.35, drift: 0, spreadBps: 8 };

describe('random source', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const sa = Array.from({ length: 5 }, () => a.gaussian());
    expect(Array.from({ length: 5 }, () => b.gaussian())).toEqual(sa);
    expect(Array.from({ length: 5 }, () => c.gaussian())).not.toEqual(sa);
  });

  it('gives roughly standard normals', () => {
    const r = createRandom(7);
    const xs = Array.from({ length: 20_000 }, () => r.gaussian());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});

describe('price simulator', () => {
  it('keeps prices positive and bid < ask on the tick grid for any seed and volatility', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.double({ min: 0.01, max: 3, noNaN: true }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 500 }),
        (seed, volatility, start, tickSize, spreadBps) => {
          const random = createRandom(seed);
          let mid = start;
          for (let i = 0; i < 200; i++) {
            mid = gbmStep(mid, { volatility, drift: 0, spreadBps }, 500, random);
            expect(mid).toBeGreaterThan(0);
            const q = quoteFromMid(mid, tickSize, spreadBps);
            expect(q.price).toBeGreaterThanOrEqual(tickSize);
            expect(q.bid).toBeGreaterThanOrEqual(tickSize);
            expect(q.bid).toBeLessThan(q.ask);
            for (const v of [q.price, q.bid, q.ask]) expect(v % tickSize).toBe(0);
          }
        },
      ),
      { numRuns: 200 },
    );
    // 40,000 simulated steps: on a loaded shared machine that takes longer than vitest's default 5 s.
  }, 60_000);

  it('moves more with higher volatility', () => {
    const spread = (volatility: number) => {
      const random = createRandom(1);
      let mid = 10_000;
      const moves: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const next = gbmStep(mid, { ...params, volatility }, 500, random);
        moves.push(Math.abs(Math.log(next / mid)));
        mid = next;
      }
      return moves.reduce((s, m) => s + m, 0) / moves.length;
    };
    expect(spread(0.8)).toBeGreaterThan(spread(0.2) * 3);
  });

  it('drifts upward on average with a positive drift and downward with a negative one (same seed)', () => {
    const end = (drift: number) => {
      const random = createRandom(3);
      let mid = 10_000;
      for (let i = 0; i < 5000; i++) mid = gbmStep(mid, { volatility: 0.2, drift, spreadBps: 8 }, 1000, random);
      return mid;
    };
    expect(end(3)).toBeGreaterThan(end(0));
    expect(end(-3)).toBeLessThan(end(0));
  });

  it('quotes a spread proportional to spreadBps', () => {
    expect(quoteFromMid(10_000, 1, 10)).toEqual({ price: 10_000, bid: 9_995, ask: 10_005 });
    expect(quoteFromMid(0.2, 1, 10)).toEqual({ price: 1, bid: 1, ask: 2 });
  });
});
