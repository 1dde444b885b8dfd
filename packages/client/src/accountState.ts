import type { FillView, OrderView, OrdersResponse, PortfolioResponse, StreamEvent } from '@quoteline/protocol';
// the subpath keeps zod out of browser bundles
import { compareEventIds } from '@quoteline/protocol/eventIds';

/** One holding as the widgets show it. */
export interface HoldingView {
  symbol: string;
  quantity: number;
  averageCost: string;
}

/** An account as the trading widgets show it: REST state plus every private event after it. */
export interface AccountView {
  orders: OrderView[];
  fills: FillView[];
  positions: HoldingView[];
  cash: string;
}

/** Private events a page has received for an account topic, and how many times the stream reset. */
export interface AccountEvents {
  events: StreamEvent[];
  resets: number;
}

const KEEP = 1000;

/** Collects an account topic's events (bounded); a `reset` clears them and asks for fresh REST state. */
export function reduceAccountEvents(state: AccountEvents | undefined, batch: StreamEvent[]): AccountEvents {
  let next = state ?? { events: [], resets: 0 };
  for (const event of batch) {
    if (event.type === 'reset') next = { events: [], resets: next.resets + 1 };
    else if (event.type === 'order' || event.type === 'fill' || event.type === 'position')
      next = { ...next, events: [...next.events, event].slice(-KEEP) };
  }
  return next;
}

/** True when an event came after a REST snapshot taken at `position` (or cannot be ordered against it). */
function after(event: StreamEvent, position: string): boolean {
  if (!event.id) return true;
  const order = compareEventIds(event.id, position);
  return order === null || order > 0;
}

/** REST state with the later stream events applied: orders upserted, fills added once, positions and cash replaced. */
export function mergeAccount(
  ordersBody: OrdersResponse,
  portfolio: PortfolioResponse,
  events: readonly StreamEvent[],
): AccountView {
  const orders = new Map(ordersBody.orders.map((o) => [o.id, o]));
  const fills = new Map(ordersBody.fills.map((f) => [f.id, f]));
  const positions = new Map<string, HoldingView>(
    portfolio.positions.map((p) => [p.symbol, { symbol: p.symbol, quantity: p.quantity, averageCost: p.averageCost }]),
  );
  let cash = portfolio.cash;
  for (const event of events) {
    if (event.type === 'order' && after(event, ordersBody.streamPosition)) {
      const d = event.data;
      const previous = orders.get(d.orderId);
      const at = new Date(d.ts).toISOString();
      orders.set(d.orderId, {
        id: d.orderId,
        symbol: d.symbol,
        side: d.side,
        type: d.type,
        quantity: d.quantity,
        limitPrice: d.limitPrice,
        status: d.status,
        filledQuantity: d.filledQuantity,
        averagePrice: d.averagePrice,
        reason: d.reason,
        createdAt: previous?.createdAt ?? at,
        updatedAt: at,
      });
    } else if (event.type === 'fill' && after(event, ordersBody.streamPosition)) {
      const d = event.data;
      fills.set(d.fillId, {
        id: d.fillId,
        orderId: d.orderId,
        symbol: d.symbol,
        side: d.side,
        quantity: d.quantity,
        price: d.price,
        createdAt: new Date(d.ts).toISOString(),
      });
    } else if (event.type === 'position' && after(event, portfolio.streamPosition)) {
      const d = event.data;
      positions.set(d.symbol, { symbol: d.symbol, quantity: d.quantity, averageCost: d.averageCost });
      cash = d.cash;
    }
  }
  const newest = <T extends { createdAt: string }>(a: T, b: T) => b.createdAt.localeCompare(a.createdAt);
  return {
    orders: [...orders.values()].sort(newest),
    fills: [...fills.values()].sort(newest),
    positions: [...positions.values()].filter((p) => p.quantity > 0).sort((a, b) => a.symbol.localeCompare(b.symbol)),
    cash,
  };
}
