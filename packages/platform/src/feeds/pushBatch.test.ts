import { describe, expect, it } from 'vitest';
import { validatePushBatch } from './pushBatch';

const cents = () => ({ decimals: 2, tickSize: 1 });

describe('validatePushBatch', () => {
  it('keeps the good ticks in minor units and lists each bad one with its index and reason', () => {
    const { valid, rejected } = validatePushBatch(
      [
        { symbol: 'ACME', price: 142.5 },
        { symbol: 'acme', price: 1 },
        { symbol: 'GLOBX', price: 87.123 },
        { symbol: 'GLOBX', price: -1 },
        'not a tick',
        { symbol: 'HOOLI', price: 10, bid: 9.99, ask: 10.01, ts: 5 },
        { symbol: 'HOOLI', price: 10, extra: true },
      ],
      cents,
    );
    expect(valid).toEqual([
      { index: 0, symbol: 'ACME', price: 14250, bid: undefined, ask: undefined, ts: undefined },
      { index: 5, symbol: 'HOOLI', price: 1000, bid: 999, ask: 1001, ts: 5 },
    ]);
    expect(rejected.map((r) => r.index)).toEqual([1, 2, 3, 4, 6]);
    expect(rejected.find((r) => r.index === 2)!.reason).toBe('prices of GLOBX are multiples of 0.01');
    expect(rejected.find((r) => r.index === 1)!.reason).toMatch(/^symbol: /);
    expect(rejected.find((r) => r.index === 3)!.reason).toMatch(/^price: /);
  });

  it('refuses prices a database column of cents cannot hold (PostgreSQL integers end at 21,474,836.47)', () => {
    const { valid, rejected } = validatePushBatch(
      [
        { symbol: 'BIG', price: 10_000_000 },
        { symbol: 'BIG', price: 30_000_000 },
        { symbol: 'BIG', price: 10, bid: 9, ask: 1e9 },
      ],
      cents,
    );
    expect(valid.map((t) => t.index)).toEqual([0]);
    expect(rejected.map((r) => r.index)).toEqual([1, 2]);
    expect(rejected[0]!.reason).toMatch(/^price: .*10,000,000/);
    expect(rejected[1]!.reason).toMatch(/^ask: /);
  });

  it("checks each tick on its own instrument's grid and names unknown symbols", () => {
    const grids: Record<string, { decimals: number; tickSize: number }> = {
      EURUSD: { decimals: 5, tickSize: 1 },
      NICKEL: { decimals: 2, tickSize: 5 },
    };
    const { valid, rejected } = validatePushBatch(
      [
        { symbol: 'EURUSD', price: 1.08525 },
        { symbol: 'EURUSD', price: 1.085251 },
        { symbol: 'NICKEL', price: 10.05 },
        { symbol: 'NICKEL', price: 10.01 },
        { symbol: 'NOPE', price: 1 },
      ],
      (symbol) => grids[symbol] ?? null,
    );
    expect(valid.map((t) => [t.symbol, t.price])).toEqual([
      ['EURUSD', 108_525],
      ['NICKEL', 1_005],
    ]);
    expect(rejected).toEqual([
      { index: 1, reason: 'prices of EURUSD are multiples of 0.00001' },
      { index: 3, reason: 'prices of NICKEL are multiples of 0.05' },
      { index: 4, reason: 'NOPE is not an instrument of this feed' },
    ]);
  });

  it('accepts an empty list as nothing to do', () => {
    expect(validatePushBatch([], cents)).toEqual({ valid: [], rejected: [] });
  });
});
