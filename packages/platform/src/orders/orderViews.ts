import { accountTopic, type OrderEvent } from '@quoteline/protocol';
import { averageCost, formatMinor } from '@quoteline/trading';
import { MONEY_SCALE } from '../money';

/** An order row as the database returns it. */
export interface OrderRow {
  id: string;
  accountId: string;
  symbol: string;
  side: string;
  type: string;
  quantity: number;
  limitPrice: number | null;
  status: string;
  filledQuantity: number;
  averagePrice: number | null;
  reason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** The public JSON of an order (REST). */
export function orderView(o: OrderRow) {
  return {
    id: o.id,
    symbol: o.symbol,
    side: o.side as 'buy' | 'sell',
    type: o.type as 'market' | 'limit',
    quantity: o.quantity,
    limitPrice: o.limitPrice === null ? null : formatMinor(o.limitPrice, MONEY_SCALE),
    status: o.status as OrderEvent['status'],
    filledQuantity: o.filledQuantity,
    averagePrice: o.averagePrice === null ? null : formatMinor(o.averagePrice, MONEY_SCALE),
    reason: o.reason,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** An order as the answer to placing or cancelling it: its public JSON and the stream position of its last event. */
export type PlacedOrder = ReturnType<typeof orderView> & { streamPosition: string };

/** The `order` stream event of an order's current state. */
export function orderEvent(o: OrderRow): OrderEvent {
  const view = orderView(o);
  return {
    topic: accountTopic(o.accountId),
    orderId: o.id,
    symbol: view.symbol,
    side: view.side,
    type: view.type,
    quantity: view.quantity,
    limitPrice: view.limitPrice,
    status: view.status,
    filledQuantity: view.filledQuantity,
    averagePrice: view.averagePrice,
    reason: view.reason,
    ts: o.updatedAt.getTime(),
  };
}

/** A fill row as the database returns it. */
export interface FillRow {
  id: string;
  orderId: string;
  accountId: string;
  symbol: string;
  side: string;
  quantity: number;
  price: number;
  createdAt: Date;
}

/** The public JSON of a fill (REST). */
export function fillView(f: FillRow) {
  return {
    id: f.id,
    orderId: f.orderId,
    symbol: f.symbol,
    side: f.side as 'buy' | 'sell',
    quantity: f.quantity,
    price: formatMinor(f.price, MONEY_SCALE),
    createdAt: f.createdAt.toISOString(),
  };
}

/** A position row as the database returns it. */
export interface PositionRow {
  symbol: string;
  quantity: number;
  reserved: number;
  cost: bigint;
  realized: bigint;
}

/** The public JSON of a position (REST). */
export function positionView(p: PositionRow) {
  return {
    symbol: p.symbol,
    quantity: p.quantity,
    reserved: p.reserved,
    averageCost: formatMinor(averageCost(p), MONEY_SCALE),
    cost: formatMinor(p.cost, MONEY_SCALE),
    realized: formatMinor(p.realized, MONEY_SCALE),
  };
}
