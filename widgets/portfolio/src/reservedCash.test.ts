import { describe, expect, it } from 'vitest';
import { reservedCents } from './reservedCash';

const order = (o: Partial<Parameters<typeof reservedCents>[0][number]>) => ({
  side: 'buy' as const,
  type: 'limit' as const,
  status: 'open' as const,
  quantity: 10,
  filledQuantity: 0,
  limitPrice: '12.34',
  ...o,
});

describe('reserved cash', () => {
  it('is quantity × limit of every open buy limit', () => {
    expect(reservedCents([order({}), order({ quantity: 3, limitPrice: '100.01' })])).toBe(12_340 + 30_003);
  });

  it.each([
    ['a sell', { side: 'sell' as const }],
    ['a market order', { type: 'market' as const, limitPrice: null }],
    ['a filled order', { status: 'filled' as const }],
    ['a cancelled order', { status: 'cancelled' as const }],
  ])('leaves out %s', (_name, o) => {
    expect(reservedCents([order(o)])).toBe(0);
  });
});
