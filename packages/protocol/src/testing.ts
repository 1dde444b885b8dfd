import type { AddEvent } from './events';

/** An `add` event for tests: one price for last, bid, ask and open, on `feed:demo` unless told. */
export function addEvent(symbol: string, price: number, fields: Partial<AddEvent> = {}): AddEvent {
  return {
    topic: 'feed:demo',
    symbol,
    name: symbol,
    price,
    bid: price,
    ask: price,
    open: price,
    decimals: 2,
    ts: 1,
    ...fields,
  };
}
