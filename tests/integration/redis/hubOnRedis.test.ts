import { describe, expect, it } from 'vitest';
import type { AddEvent, StreamEvent, UpdateEvent } from '@quoteline/protocol';
import { addEvent } from '@quoteline/protocol/testing';
import { RedisStreamLog } from '@quoteline/redis';
import { StreamHub, type TopicDirectory } from '@quoteline/stream';
import { RecordingSink } from '@quoteline/stream/testing';
import { waitUntil } from '../../support/streamTools';
import { redisPerFile } from './redisPerFile';

// StreamHubs of two instances on one Redis log: a client resuming on the other
// instance misses nothing, and a flushed Redis resets every open stream.

const redis = redisPerFile();
let keyN = 0;

const directory: TopicDirectory = { authorize: () => undefined };
const add = (symbol: string, price: number): AddEvent => addEvent(symbol, price);
const update = (symbol: string, price: number): UpdateEvent => ({
  topic: 'feed:demo',
  symbol,
  price,
  bid: price,
  ask: price,
  ts: 2,
});

async function instance(name: string, key: string) {
  const log = await RedisStreamLog.open({ url: redis.server.url, key, name, blockMs: 500, onError: () => undefined });
  const hub = new StreamHub({ log, directory, instance: name, keepAliveMs: 60_000 });
  redis.afterThisTest(
    () => log.close(),
    () => hub.close(),
  );
  return { log, hub };
}

async function openRecorded(hub: StreamHub, lastEventId?: string) {
  const connection = await hub.open({ topics: ['feed:demo'], principal: null, lastEventId });
  const sink = new RecordingSink();
  connection.attach(sink);
  return { connection, sink };
}

const prices = (events: readonly StreamEvent[]) =>
  events.filter((e) => e.type === 'update').map((e) => (e.data as UpdateEvent).price);

describe('StreamHub on the Redis log', () => {
  it('resumes a client on another instance from the id it last saw on the first, with nothing missed or repeated', async () => {
    const key = `hub${++keyN}:log`;
    const a = await instance('a', key);
    const b = await instance('b', key);
    await a.log.append({ topic: 'feed:demo', type: 'add', data: add('ACME', 1) });
    await waitUntil(
      () => a.hub.views.snapshot('feed:demo').length === 1 && b.hub.views.snapshot('feed:demo').length === 1,
      'both hubs folded the add',
    );

    const onA = await openRecorded(a.hub);
    for (let i = 1; i <= 5; i++) await a.log.append({ topic: 'feed:demo', type: 'update', data: update('ACME', i) });
    await waitUntil(() => prices(onA.sink.events).length === 5, 'the stream on A got 5 updates');
    onA.connection.close('client_closed'); // instance A "dies" for this client
    const lastSeen = onA.sink.events.at(-1)!.id!;
    for (let i = 6; i <= 8; i++) await a.log.append({ topic: 'feed:demo', type: 'update', data: update('ACME', i) });

    const onB = await openRecorded(b.hub, lastSeen);
    for (let i = 9; i <= 10; i++) await a.log.append({ topic: 'feed:demo', type: 'update', data: update('ACME', i) });
    await waitUntil(() => prices(onB.sink.events).length >= 5, 'the stream on B replayed and went on');
    await new Promise((r) => setTimeout(r, 300));
    expect(onB.sink.events.some((e) => e.type === 'reset')).toBe(false);
    expect(prices(onB.sink.events)).toEqual([6, 7, 8, 9, 10]);
    const ids = onB.sink.events.filter((e) => e.type === 'update').map((e) => e.id!);
    expect([...ids].sort((x, y) => b.log.compare(x, y))).toEqual(ids);
  });

  it('resets every open stream when Redis is flushed, then streams the new epoch', async () => {
    const key = `hub${++keyN}:log`;
    const a = await instance('a', key);
    await a.log.append({ topic: 'feed:demo', type: 'add', data: add('ACME', 1) });
    await waitUntil(() => a.hub.views.snapshot('feed:demo').length === 1, 'the hub folded the add');
    const client = await openRecorded(a.hub);
    await a.log.append({ topic: 'feed:demo', type: 'update', data: update('ACME', 2) });
    await waitUntil(() => prices(client.sink.events).length === 1, 'the stream got the update');
    const oldEpoch = a.log.epoch;

    await redis.server.command('FLUSHALL');
    await waitUntil(() => client.sink.events.some((e) => e.type === 'reset'), 'the stream was reset', 15_000);
    await a.log.append({ topic: 'feed:demo', type: 'update', data: update('ACME', 3) });
    await waitUntil(() => prices(client.sink.events).length === 2, 'the stream goes on in the new epoch');

    const types = client.sink.events.map((e) => e.type);
    expect(types).toEqual(['ready', 'add', 'update', 'reset', 'add', 'update']);
    const reset = client.sink.events[3]!;
    expect(reset.data).toEqual({ reason: 'epoch_changed' });
    expect(reset.id).toBe(`${a.log.epoch}:0-0`);
    expect(a.log.epoch).not.toBe(oldEpoch);
    expect(client.sink.events[4]!.data).toMatchObject({ symbol: 'ACME', price: 2 }); // the snapshot from the hub's views
    expect(client.sink.events[5]!.id!.startsWith(`${a.log.epoch}:`)).toBe(true);
    expect(client.connection.closedReason).toBeNull();
  });
});
