import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeEvent } from '@quoteline/protocol';
import { Connection } from './connection';
import { RecordingSink } from './testing';

type Op =
  { kind: 'update'; symbol: string; price: number } | { kind: 'order'; n: number } | { kind: 'flush'; room: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('update' as const),
    symbol: fc.constantFrom('A', 'B', 'C'),
    price: fc.integer({ min: 1, max: 10_000 }),
  }),
  fc.record({ kind: fc.constant('order' as const), n: fc.nat() }),
  fc.record({ kind: fc.constant('flush' as const), room: fc.boolean() }),
);

function frameOf(o: Op, seq: number) {
  if (o.kind === 'update') {
    const data = { topic: 'feed:t', symbol: o.symbol, price: o.price, bid: o.price, ask: o.price, ts: seq };
    return { frame: encodeEvent('update', data, `e:${seq}`), key: `feed:t\u0000${o.symbol}` };
  }
  const data = {
    topic: 'account:a',
    orderId: `o${seq}`,
    symbol: 'A',
    side: 'buy',
    type: 'market',
    quantity: 1,
    limitPrice: null,
    status: 'open',
    filledQuantity: 0,
    averagePrice: null,
    reason: null,
    ts: seq,
  };
  return { frame: encodeEvent('order', data, `e:${seq}`), key: null };
}

describe('Connection queue (conflation and bounds)', () => {
  it('always delivers the last price of every symbol and every private event, in log order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), fc.integer({ min: 600, max: 100_000 }), (ops, maxQueueBytes) => {
        const sink = new RecordingSink();
        const connection = new Connection(
          'c',
          't',
          null,
          { maxQueueBytes },
          () => undefined,
          () => undefined,
        );
        connection.attach(sink);
        const lastPrice = new Map<string, number>();
        const orders: string[] = [];
        let seq = 0;
        for (const o of ops) {
          if (o.kind === 'flush') {
            sink.desiredSize = o.room ? 1 : 0;
            connection.flush();
            continue;
          }
          seq++;
          const { frame, key } = frameOf(o, seq);
          connection.enqueue(frame, key);
          if (o.kind === 'update') lastPrice.set(o.symbol, o.price);
          else orders.push(`o${seq}`);
        }
        sink.desiredSize = 1;
        connection.flush();

        const ids = sink.events.map((e) => Number(e.id!.split(':')[1]));
        expect(ids).toEqual([...ids].sort((a, b) => a - b)); // log order, no duplicates
        expect(new Set(ids).size).toBe(ids.length);
        const deliveredOrders = sink.events
          .filter((e) => e.type === 'order')
          .map((e) => (e.data as { orderId: string }).orderId);
        if (connection.closedReason === 'slow_consumer') {
          // cut off rather than dropping: what arrived is a prefix, and the client resumes after it
          expect(orders.slice(0, deliveredOrders.length)).toEqual(deliveredOrders);
          return;
        }
        expect(connection.closedReason).toBeNull();
        expect(deliveredOrders).toEqual(orders);
        for (const [symbol, price] of lastPrice) {
          const updates = sink.events.filter(
            (e) => e.type === 'update' && (e.data as { symbol: string }).symbol === symbol,
          );
          expect((updates.at(-1)!.data as { price: number }).price).toBe(price);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never holds more than its byte bound', () => {
    const sink = new RecordingSink();
    sink.desiredSize = 0;
    let closed = '';
    const connection = new Connection(
      'c',
      't',
      null,
      { maxQueueBytes: 4096 },
      () => undefined,
      (_c, reason) => (closed = reason),
    );
    connection.attach(sink);
    connection.flush(); // transport full from now on
    for (let i = 0; i < 10_000 && !closed; i++) {
      connection.enqueue(frameOf({ kind: 'update', symbol: 'A', price: i }, i).frame, 'feed:t\u0000A');
      expect(connection.pendingBytes).toBeLessThanOrEqual(4096);
    }
    expect(closed).toBe(''); // one symbol conflates forever within the bound
    expect(connection.stats.conflated).toBe(9_999);
  });
});
