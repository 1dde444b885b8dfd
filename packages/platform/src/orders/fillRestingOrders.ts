import type { EventLog } from '@quoteline/stream';
import { wireToMinor } from '@quoteline/trading';
import { MONEY_SCALE } from '../money';
import type { OrderService } from './orderService';

/** What the orders' log subscription needs. */
export interface FillRestingOrdersDeps {
  log: Pick<EventLog, 'tail'>;
  orders: Pick<OrderService, 'followOrder' | 'onTouch'>;
  /** Whether this instance is the producer: only the producer fills, so a crossing fills once however many instances run. */
  producing(): boolean;
}

/**
 * The orders' subscription to the log: every instance keeps its limit book
 * equal to the open limit orders the log announces (wherever they were
 * placed), and the producer fills resting limit orders when a market update
 * crosses them. Returns the unsubscribe.
 */
export function fillRestingOrders({ log, orders, producing }: FillRestingOrdersDeps): () => void {
  return log.tail((entry) => {
    if (entry.type === 'order') return orders.followOrder(entry.data);
    if (entry.type === 'update' && producing()) {
      const { symbol, bid, ask } = entry.data;
      orders.onTouch(symbol, wireToMinor(bid, MONEY_SCALE), wireToMinor(ask, MONEY_SCALE));
    }
  });
}
