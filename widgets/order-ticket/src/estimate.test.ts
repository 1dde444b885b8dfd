import { describe, expect, it } from 'vitest';
import { estimateCents } from './estimate';

const quote = { bid: 99.5, ask: 100.25 };

describe('order estimate', () => {
  it('prices a market order at the side of the quote it trades at', () => {
    expect(estimateCents({ side: 'buy', type: 'market', quantity: '10', limitPrice: '' }, quote)).toBe(100_250);
    expect(estimateCents({ side: 'sell', type: 'market', quantity: '10', limitPrice: '' }, quote)).toBe(99_500);
  });

  it('prices a limit order at its limit, quote or not', () => {
    expect(estimateCents({ side: 'buy', type: 'limit', quantity: '3', limitPrice: '12.34' }, undefined)).toBe(3_702);
  });

  it('has none without a whole positive quantity or a price', () => {
    expect(estimateCents({ side: 'buy', type: 'market', quantity: '1.5', limitPrice: '' }, quote)).toBeNull();
    expect(estimateCents({ side: 'buy', type: 'market', quantity: '0', limitPrice: '' }, quote)).toBeNull();
    expect(estimateCents({ side: 'buy', type: 'market', quantity: '10', limitPrice: '' }, undefined)).toBeNull();
    expect(estimateCents({ side: 'buy', type: 'limit', quantity: '10', limitPrice: '' }, quote)).toBeNull();
  });
});
