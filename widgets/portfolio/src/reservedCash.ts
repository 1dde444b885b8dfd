import type { OrderView } from '@quoteline/protocol';
import { toCents } from '@quoteline/widget-kit';

/**
 * Cash promised to resting buy limits, in cents: what the server sets aside
 * (quantity × limit price) for each open one. Derived from the live orders, so
 * it moves the moment an order rests, fills or is cancelled.
 */
export function reservedCents(
  orders: readonly Pick<OrderView, 'side' | 'type' | 'status' | 'quantity' | 'filledQuantity' | 'limitPrice'>[],
): number {
  let reserved = 0;
  for (const o of orders)
    if (o.status === 'open' && o.side === 'buy' && o.type === 'limit' && o.limitPrice !== null)
      reserved += (o.quantity - o.filledQuantity) * toCents(o.limitPrice);
  return reserved;
}
