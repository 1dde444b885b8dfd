import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  EMPTY_POSITION,
  execute,
  executionPrice,
  release,
  reserve,
  type AccountState,
  type OrderTerms,
  type PositionState,
} from './orderLogic';
import { formatMinor, parsePrice } from './money';
import { LimitBook } from './limitBook';

describe('executionPrice', () => {
  const touch = { bid: 9_990, ask: 10_010 };
  it('fills market orders at the touch', () => {
    expect(executionPrice({ side: 'buy', type: 'market', quantity: 1, limitPrice: null }, touch)).toBe(10_010);
    expect(executionPrice({ side: 'sell', type: 'market', quantity: 1, limitPrice: null }, touch)).toBe(9_990);
  });
  it('fills limits only at the limit or better', () => {
    expect(executionPrice({ side: 'buy', type: 'limit', quantity: 1, limitPrice: 10_000 }, touch)).toBeNull();
    expect(executionPrice({ side: 'buy', type: 'limit', quantity: 1, limitPrice: 10_050 }, touch)).toBe(10_010);
    expect(executionPrice({ side: 'sell', type: 'limit', quantity: 1, limitPrice: 10_000 }, touch)).toBeNull();
    expect(executionPrice({ side: 'sell', type: 'limit', quantity: 1, limitPrice: 9_900 }, touch)).toBe(9_990);
  });
});

describe('money', () => {
  it('parses prices exactly and refuses more decimals than the instrument has', () => {
    expect(parsePrice(142.57, 2)).toBe(14_257);
    expect(parsePrice('142.5', 2)).toBe(14_250);
    expect(parsePrice(0.1 + 0.2, 2)).toBeNull(); // 0.30000000000000004
    expect(parsePrice(1.005, 2)).toBeNull();
    expect(parsePrice('1e3', 2)).toBeNull();
    expect(parsePrice(Number.NaN, 2)).toBeNull();
    expect(parsePrice(-1, 2)).toBeNull();
  });
  it('formats minor units with exact decimals', () => {
    expect(formatMinor(10_000_000n, 2)).toBe('100000.00');
    expect(formatMinor(5, 2)).toBe('0.05');
    expect(formatMinor(-1234n, 2)).toBe('-12.34');
  });
  it('round-trips any price on the grid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e11 }), fc.integer({ min: 0, max: 4 }), (minor, scale) => {
        expect(parsePrice(formatMinor(minor, scale), scale)).toBe(minor);
      }),
    );
  });
});

type Step = {
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  quantity: number;
  limitOffset: number;
  bid: number;
  spread: number;
  cancel: boolean;
};
const step: fc.Arbitrary<Step> = fc.record({
  side: fc.constantFrom('buy', 'sell'),
  type: fc.constantFrom('market', 'limit'),
  quantity: fc.integer({ min: 1, max: 500 }),
  limitOffset: fc.integer({ min: -300, max: 300 }),
  bid: fc.integer({ min: 100, max: 50_000 }),
  spread: fc.integer({ min: 1, max: 100 }),
  cancel: fc.boolean(),
});

describe('account invariants under any sequence of orders', () => {
  it('keeps cash + cost of positions = starting cash + realised P&L, nothing negative, filled ≤ ordered', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.bigInt({ min: 0n, max: 10_000_000n }), (steps, start) => {
        let account: AccountState = { cash: start, reserved: 0n };
        let position: PositionState = EMPTY_POSITION;
        const resting: (OrderTerms & { filled: number })[] = [];
        for (const s of steps) {
          const touch = { bid: s.bid, ask: s.bid + s.spread };
          // resting orders the new touch crosses fill first
          for (const order of [...resting]) {
            const price = executionPrice(order, touch);
            if (price === null) continue;
            const released = release(account, position, order);
            const done = execute(released.account, released.position, order.side, order.quantity, price);
            expect(done).not.toBeTypeOf('string'); // what was reserved always suffices
            if (typeof done !== 'string') ({ account, position } = done);
            order.filled = order.quantity;
            resting.splice(resting.indexOf(order), 1);
          }
          const order: OrderTerms & { filled: number } = {
            side: s.side,
            type: s.type,
            quantity: s.quantity,
            limitPrice: s.type === 'limit' ? Math.max(1, touch.bid + s.limitOffset) : null,
            filled: 0,
          };
          const price = executionPrice(order, touch);
          if (price !== null) {
            const done = execute(account, position, order.side, order.quantity, price);
            if (typeof done !== 'string') {
              ({ account, position } = done);
              order.filled = order.quantity;
            }
          } else {
            const held = reserve(account, position, order);
            if (typeof held !== 'string') {
              ({ account, position } = held);
              if (s.cancel) ({ account, position } = release(account, position, order));
              else resting.push(order);
            }
          }
          expect(order.filled).toBeLessThanOrEqual(order.quantity);
          expect(account.cash).toBeGreaterThanOrEqual(0n);
          expect(account.reserved).toBeGreaterThanOrEqual(0n);
          expect(account.cash - account.reserved).toBeGreaterThanOrEqual(0n);
          expect(position.quantity).toBeGreaterThanOrEqual(0);
          expect(position.reserved).toBeLessThanOrEqual(position.quantity);
          expect(position.cost).toBeGreaterThanOrEqual(0n);
          expect(account.cash + position.cost).toBe(start + position.realized);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses to spend more than the available cash or sell more than held', () => {
    const account = { cash: 10_000n, reserved: 5_000n };
    expect(execute(account, EMPTY_POSITION, 'buy', 1, 5_001)).toBe('insufficient_funds');
    expect(execute(account, EMPTY_POSITION, 'sell', 1, 100)).toBe('insufficient_position');
    expect(
      reserve(
        account,
        { ...EMPTY_POSITION, quantity: 3, reserved: 2 },
        { side: 'sell', type: 'limit', quantity: 2, limitPrice: 1 },
      ),
    ).toBe('insufficient_position');
  });
});

describe('LimitBook', () => {
  it('hands out each crossing order once, per symbol', () => {
    const book = new LimitBook();
    book.add({ id: 'a', accountId: 'x', symbol: 'A', side: 'buy', quantity: 1, limitPrice: 100 });
    book.add({ id: 'b', accountId: 'x', symbol: 'A', side: 'sell', quantity: 1, limitPrice: 120 });
    book.add({ id: 'c', accountId: 'x', symbol: 'B', side: 'buy', quantity: 1, limitPrice: 100 });
    expect(book.takeCrossing('A', { bid: 95, ask: 101 })).toEqual([]);
    expect(book.takeCrossing('A', { bid: 95, ask: 100 }).map((o) => o.id)).toEqual(['a']);
    expect(book.takeCrossing('A', { bid: 95, ask: 100 })).toEqual([]);
    expect(book.remove('b', 'A')).toBe(true);
    expect(book.size).toBe(1);
  });
});
