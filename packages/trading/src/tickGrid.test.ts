import { describe, expect, it } from 'vitest';
import { offGridMessage, priceOnGrid, tickSizeText } from './tickGrid';

describe('tick grid', () => {
  const fx = { decimals: 4, tickSize: 1 };
  const nickel = { decimals: 2, tickSize: 5 };
  it('names the tick size as a price', () => {
    expect(tickSizeText(fx)).toBe('0.0001');
    expect(tickSizeText(nickel)).toBe('0.05');
    expect(tickSizeText({ decimals: 0, tickSize: 1 })).toBe('1');
  });
  it('takes prices on the grid and refuses the others', () => {
    expect(priceOnGrid(1.0852, fx)).toBe(10_852);
    expect(priceOnGrid('1.08525', fx)).toBeNull();
    expect(priceOnGrid(142.35, nickel)).toBe(14_235);
    expect(priceOnGrid(142.37, nickel)).toBeNull();
    expect(priceOnGrid(0, fx)).toBeNull();
    expect(priceOnGrid(300_000, fx)).toBeNull(); // above 2^31 − 1 minor units
  });
  it('says which grid in the refusal', () => {
    expect(offGridMessage('The limit price', fx)).toContain('multiple of 0.0001');
    expect(offGridMessage('The limit price', nickel)).toContain('multiple of 0.05 (at most 2 decimals)');
  });
});
