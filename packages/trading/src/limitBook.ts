import type { Side, Touch } from './orderLogic';

/** A resting limit order, as the book needs it. */
export interface RestingOrder {
  id: string;
  accountId: string;
  symbol: string;
  side: Side;
  quantity: number;
  limitPrice: number;
}

/**
 * Resting limit orders by symbol, so each tick checks only its own symbol.
 * Crossing orders leave the book at once: each is executed exactly once.
 */
export class LimitBook {
  private readonly bySymbol = new Map<string, Map<string, RestingOrder>>();

  /** Adds a resting order. */
  add(order: RestingOrder): void {
    let orders = this.bySymbol.get(order.symbol);
    if (!orders) this.bySymbol.set(order.symbol, (orders = new Map()));
    orders.set(order.id, order);
  }

  /** Removes an order (cancelled or filled elsewhere); false when it was not resting here. */
  remove(id: string, symbol: string): boolean {
    const orders = this.bySymbol.get(symbol);
    const removed = orders?.delete(id) ?? false;
    if (orders?.size === 0) this.bySymbol.delete(symbol);
    return removed;
  }

  /** Takes out and returns every order the touch crosses, oldest first. */
  takeCrossing(symbol: string, touch: Touch): RestingOrder[] {
    const orders = this.bySymbol.get(symbol);
    if (!orders) return [];
    const crossing = [...orders.values()].filter((o) =>
      o.side === 'buy' ? touch.ask <= o.limitPrice : touch.bid >= o.limitPrice,
    );
    for (const o of crossing) this.remove(o.id, symbol);
    return crossing;
  }

  /** Number of resting orders. */
  get size(): number {
    let n = 0;
    for (const orders of this.bySymbol.values()) n += orders.size;
    return n;
  }
}
