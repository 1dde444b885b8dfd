import { afterEach, describe, expect, it } from 'vitest';
import { QuotelineError, type AddEvent } from '@quoteline/protocol';
import { addEvent } from '@quoteline/protocol/testing';
import { RingLog } from './ringLog';
import { StreamHub, type TopicDirectory } from './hub';
import { RecordingSink } from './testing';
import type { Connection } from './connection';
import type { LogReset } from './eventLog';

const directory: TopicDirectory = {
  authorize(topic) {
    if (!['feed:demo', 'feed:fx'].includes(topic)) throw new QuotelineError('unknown_topic', 'no such feed');
  },
};

const add = (topic: string, symbol: string, price: number): AddEvent => addEvent(symbol, price, { topic });

let hubs: StreamHub[] = [];
afterEach(() => {
  hubs.forEach((h) => h.close());
  hubs = [];
});

function setup(options: { maxQueueBytes?: number; capacity?: number } = {}) {
  const log = new RingLog({ epoch: 'e', capacity: options.capacity ?? 1000 });
  const hub = new StreamHub({
    log,
    directory,
    instance: 'test',
    keepAliveMs: 60_000,
    maxQueueBytes: options.maxQueueBytes,
  });
  hubs.push(hub);
  const publishAdd = (topic: string, symbol: string, price: number) =>
    log.appendSync({ topic, type: 'add', data: add(topic, symbol, price) });
  const publishUpdate = (topic: string, symbol: string, price: number) =>
    log.appendSync({ topic, type: 'update', data: { topic, symbol, price, bid: price, ask: price, ts: 2 } });
  return { log, hub, publishAdd, publishUpdate };
}

async function attach(connection: Connection, sink = new RecordingSink()) {
  connection.attach(sink);
  await tick();
  return sink;
}
const tick = () => new Promise<void>((r) => setImmediate(r));

async function openRecorded(hub: StreamHub, topics: string[], lastEventId?: string) {
  const connection = await hub.open({ topics, principal: null, lastEventId });
  const sink = await attach(connection);
  return { connection, sink };
}

describe('StreamHub', () => {
  it('sends ready, then the snapshot at its position, then only later deltas', async () => {
    const { hub, publishAdd, publishUpdate } = setup();
    publishAdd('feed:demo', 'A', 1);
    publishAdd('feed:demo', 'B', 2);
    publishUpdate('feed:demo', 'A', 3);
    const { sink } = await openRecorded(hub, ['feed:demo']);
    publishUpdate('feed:demo', 'B', 4);
    await tick();
    expect(sink.events.map((e) => `${e.type}:${e.id ?? '-'}`)).toEqual(['ready:-', 'add:e:3', 'add:e:3', 'update:e:4']);
    expect(sink.events[1]!.data).toMatchObject({ symbol: 'A', price: 3 });
  });

  it('writes the same bytes to every subscriber, once per turn', async () => {
    const { hub, log, publishAdd, publishUpdate } = setup();
    publishAdd('feed:demo', 'A', 1);
    const a = await openRecorded(hub, ['feed:demo']);
    const b = await openRecorded(hub, ['feed:demo']);
    const frames: Uint8Array[] = [];
    log.tail((e) => frames.push(e.frame));
    const writesBefore = a.sink.writes;
    for (let i = 0; i < 5; i++) publishUpdate('feed:demo', 'A', 10 + i);
    await tick();
    expect(a.sink.writes - writesBefore).toBe(1);
    expect(a.sink.events.slice(-5)).toEqual(b.sink.events.slice(-5));
    expect(frames).toHaveLength(5);
  });

  it('does not deliver other topics, nor anything after unsubscribe', async () => {
    const { hub, publishAdd, publishUpdate } = setup();
    publishAdd('feed:demo', 'A', 1);
    publishAdd('feed:fx', 'EUR', 1);
    const { connection, sink } = await openRecorded(hub, ['feed:demo']);
    publishUpdate('feed:fx', 'EUR', 2);
    await hub.changeSubscriptions({
      connectionId: connection.id,
      token: connection.token,
      subscribe: ['feed:fx'],
      unsubscribe: ['feed:demo'],
      principal: null,
    });
    publishUpdate('feed:demo', 'A', 5);
    publishUpdate('feed:fx', 'EUR', 3);
    await tick();
    expect(sink.events.map((e) => `${e.type}:${(e.data as { symbol?: string }).symbol ?? ''}`)).toEqual([
      'ready:',
      'add:A',
      'add:EUR',
      'update:EUR',
    ]);
    expect(sink.events[2]!.data).toMatchObject({ price: 2 });
  });

  it('refuses unknown topics before opening, and wrong tokens', async () => {
    const { hub } = setup();
    await expect(hub.open({ topics: ['feed:nope'], principal: null })).rejects.toMatchObject({ code: 'unknown_topic' });
    expect(hub.stats().connections).toBe(0);
    const { connection } = await openRecorded(hub, ['feed:demo']);
    const change = (connectionId: string, token: string) =>
      hub.changeSubscriptions({ connectionId, token, subscribe: ['feed:fx'], unsubscribe: [], principal: null });
    await expect(change(connection.id, 'x'.repeat(32))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(change('missing', connection.token)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('forgets closed connections at once: by the client, and on failed writes', async () => {
    const { hub, publishUpdate, publishAdd } = setup();
    publishAdd('feed:demo', 'A', 1);
    const a = await openRecorded(hub, ['feed:demo']);
    const b = await openRecorded(hub, ['feed:demo']);
    expect(hub.stats().connections).toBe(2);
    a.connection.close('client_closed');
    b.sink.closed = true; // the next write throws
    publishUpdate('feed:demo', 'A', 2);
    await tick();
    expect(hub.stats()).toMatchObject({ connections: 0, topics: {}, closed: { client_closed: 1, write_failed: 1 } });
  });

  it('conflates unsent updates per symbol and keeps their log order', async () => {
    const { hub, publishAdd, publishUpdate } = setup();
    publishAdd('feed:demo', 'A', 1);
    publishAdd('feed:demo', 'B', 1);
    const connection = await hub.open({ topics: ['feed:demo'], principal: null });
    const sink = new RecordingSink();
    sink.desiredSize = 0; // reader is not reading
    connection.attach(sink);
    await tick(); // a flush finds the transport full
    publishUpdate('feed:demo', 'A', 2);
    publishUpdate('feed:demo', 'B', 3);
    publishUpdate('feed:demo', 'A', 4);
    await tick();
    expect(sink.writes).toBe(0);
    sink.desiredSize = 1;
    connection.flush();
    const updates = sink.events.filter((e) => e.type === 'update');
    expect(
      updates.map((e) => [(e.data as { symbol: string }).symbol, (e.data as { price: number }).price, e.id]),
    ).toEqual([
      ['B', 3, 'e:4'],
      ['A', 4, 'e:5'],
    ]);
    expect(hub.stats().conflated).toBe(1);
  });

  it('cuts off a connection whose queue exceeds its byte bound', async () => {
    const { hub, log } = setup({ maxQueueBytes: 2000 });
    const connection = await hub.open({ topics: ['feed:demo'], principal: null });
    const sink = new RecordingSink();
    sink.desiredSize = 0;
    connection.attach(sink);
    // adds are never conflated: they pile up until the bound is hit
    for (let i = 0; i < 50; i++)
      log.appendSync({ topic: 'feed:demo', type: 'add', data: add('feed:demo', `S${i}`, i) });
    expect(connection.closedReason).toBe('slow_consumer');
    expect(hub.stats().connections).toBe(0);
    expect(hub.stats().dropped).toBeGreaterThan(0); // its queued frames went with it
    expect(sink.closed).toBe(true);
  });

  it('replays what a resuming client missed, or resets when it cannot', async () => {
    const { hub, publishAdd, publishUpdate } = setup({ capacity: 5 });
    publishAdd('feed:demo', 'A', 1);
    publishUpdate('feed:fx', 'EUR', 1);
    publishUpdate('feed:demo', 'A', 2);
    publishUpdate('feed:demo', 'A', 3);
    const resumed = await openRecorded(hub, ['feed:demo'], 'e:2');
    expect(resumed.sink.events.map((e) => `${e.type}:${e.id ?? '-'}`)).toEqual(['ready:-', 'update:e:3', 'update:e:4']);
    for (let i = 0; i < 10; i++) publishUpdate('feed:demo', 'A', 10 + i);
    const trimmed = await openRecorded(hub, ['feed:demo'], 'e:2');
    expect(trimmed.sink.events.map((e) => e.type)).toEqual(['ready', 'reset', 'add']);
    expect(trimmed.sink.events[1]!.data).toEqual({ reason: 'history_trimmed' });
    const otherEpoch = await openRecorded(hub, ['feed:demo'], 'x:2');
    expect(otherEpoch.sink.events[1]!.data).toEqual({ reason: 'epoch_changed' });
  });

  it('sends keep-alive comments on its interval', async () => {
    const log = new RingLog({ epoch: 'e' });
    const hub = new StreamHub({ log, directory, instance: 't', keepAliveMs: 20 });
    hubs.push(hub);
    const { sink } = await openRecorded(hub, ['feed:demo']);
    await new Promise((r) => setTimeout(r, 70));
    expect(sink.comments.filter((c) => c === 'keep-alive').length).toBeGreaterThanOrEqual(2);
  });
});

describe('StreamHub resume bounds', () => {
  it('replays only the latest update per symbol when the full history would not fit, and resets when even that does not', async () => {
    const { hub, publishAdd, publishUpdate } = setup({ maxQueueBytes: 20_000 });
    publishAdd('feed:demo', 'A', 1);
    for (let i = 0; i < 300; i++) publishUpdate('feed:demo', 'A', 10 + i);
    const all = await openRecorded(hub, ['feed:demo'], 'e:250');
    expect(all.sink.events.filter((e) => e.type === 'update')).toHaveLength(51);
    const compact = await openRecorded(hub, ['feed:demo'], 'e:1');
    expect(compact.sink.events.map((e) => `${e.type}:${e.id ?? '-'}`)).toEqual(['ready:-', 'update:e:301']);
    for (let i = 0; i < 100; i++) publishAdd('feed:demo', `S${i}`, i); // adds are never compacted
    const far = await openRecorded(hub, ['feed:demo'], 'e:301');
    expect(far.sink.events[1]).toMatchObject({ type: 'reset', data: { reason: 'too_far_behind' } });
    expect(far.sink.events.filter((e) => e.type === 'add')).toHaveLength(101);
    expect(far.connection.closedReason).toBeNull();
  });
});

describe('StreamHub when the log loses track', () => {
  /** A ring that can report a reset, as a Redis log does after a flush. */
  class ResettingLog extends RingLog {
    private readonly resetListeners = new Set<(reset: LogReset) => void>();
    override onReset(listener: (reset: LogReset) => void): () => void {
      this.resetListeners.add(listener);
      return () => this.resetListeners.delete(listener);
    }
    emitReset(reset: LogReset): void {
      for (const listener of this.resetListeners) listener(reset);
    }
  }

  it('resets every open stream with fresh snapshots at the new head, then delivers what follows', async () => {
    const log = new ResettingLog({ epoch: 'e' });
    const hub = new StreamHub({ log, directory, instance: 't', keepAliveMs: 60_000 });
    hubs.push(hub);
    log.appendSync({ topic: 'feed:demo', type: 'add', data: add('feed:demo', 'A', 1) });
    const { connection, sink } = await openRecorded(hub, ['feed:demo']);
    log.emitReset({ reason: 'epoch_changed', head: 'f:0-0' });
    expect(hub.head).toBe('f:0-0');
    log.appendSync({
      topic: 'feed:demo',
      type: 'update',
      data: { topic: 'feed:demo', symbol: 'A', price: 2, bid: 2, ask: 2, ts: 2 },
    });
    await tick();
    expect(sink.events.map((e) => `${e.type}:${e.id ?? '-'}`)).toEqual([
      'ready:-',
      'add:e:1',
      'reset:f:0-0',
      'add:f:0-0',
      'update:e:2',
    ]);
    expect(sink.events[2]!.data).toEqual({ reason: 'epoch_changed' });
    expect(connection.closedReason).toBeNull();
    expect(hub.hasConnection(connection.id)).toBe(true);
    expect(hub.hasConnection('nope')).toBe(false);
  });
});

describe('StreamHub feed status', () => {
  const publishStatus = (log: RingLog, status: 'running' | 'paused') =>
    log.appendSync({ topic: 'feed:demo', type: 'status', data: { topic: 'feed:demo', status } });

  it('delivers status changes live, and a paused feed snapshot ends with a status event at the snapshot id', async () => {
    const { hub, log, publishAdd } = setup();
    publishAdd('feed:demo', 'A', 1);
    const live = await openRecorded(hub, ['feed:demo']);
    publishStatus(log, 'paused');
    await tick();
    expect(live.sink.events.map((e) => e.type)).toEqual(['ready', 'add', 'status']);
    expect(live.sink.events[2]).toMatchObject({ id: 'e:2', data: { topic: 'feed:demo', status: 'paused' } });

    const fresh = await openRecorded(hub, ['feed:demo']);
    expect(fresh.sink.events.map((e) => `${e.type}:${e.id ?? '-'}`)).toEqual(['ready:-', 'add:e:2', 'status:e:2']);
    expect(hub.views.snapshotEvents('feed:demo').map((e) => e.type)).toEqual(['add', 'status']);

    publishStatus(log, 'running');
    const resumed = await openRecorded(hub, ['feed:demo']);
    // Running is the default: a running feed's snapshot is its adds alone, as before.
    expect(resumed.sink.events.map((e) => e.type)).toEqual(['ready', 'add']);
    expect(hub.views.snapshotEvents('feed:demo').map((e) => e.type)).toEqual(['add']);
  });

  it('lets status events through an embed symbol allowlist and never conflates them', async () => {
    const { hub, log, publishAdd } = setup();
    publishAdd('feed:demo', 'A', 1);
    const connection = await hub.open({ topics: ['feed:demo'], principal: null, symbols: ['B'] });
    const sink = new RecordingSink();
    sink.desiredSize = 0;
    connection.attach(sink);
    await tick();
    publishStatus(log, 'paused');
    publishStatus(log, 'running');
    await tick();
    sink.desiredSize = 1;
    connection.flush();
    expect(sink.events.filter((e) => e.type === 'status').map((e) => (e.data as { status: string }).status)).toEqual([
      'paused',
      'running',
    ]);
  });
});

describe('StreamHub stats topic', () => {
  const statsDirectory: TopicDirectory = { authorize: () => undefined };
  const sample = (instance: string, ts: number, streams = 1) => ({
    topic: 'admin:connections',
    instance,
    ts,
    intervalMs: 1000,
    streams,
    opened: streams,
    topicCount: 0,
    topics: [],
    eventsPerSecond: 0,
    bytesPerSecond: 0,
    conflated: 0,
    dropped: 0,
    slowConsumers: 0,
    slowest: [],
  });

  it('snapshots the latest sample of every recently heard instance, and keeps samples out of feed snapshots', async () => {
    let now = 100_000;
    const log = new RingLog({ epoch: 'e' });
    const hub = new StreamHub({
      log,
      directory: statsDirectory,
      instance: 'web-1',
      keepAliveMs: 60_000,
      now: () => now,
    });
    hubs.push(hub);
    const append = (data: ReturnType<typeof sample>) =>
      log.appendSync({ topic: 'admin:connections', type: 'stats', data });
    log.appendSync({ topic: 'feed:demo', type: 'add', data: add('feed:demo', 'A', 1) });
    append(sample('web-1', now - 2000, 1));
    append(sample('web-2', now - 1500, 7));
    append(sample('web-1', now - 1000, 2));
    append(sample('web-3', now - 60_000, 3)); // a late write from an instance long gone

    const admin = await openRecorded(hub, ['admin:connections']);
    const samples = admin.sink.events.filter((e) => e.type === 'stats').map((e) => e.data as ReturnType<typeof sample>);
    expect(samples.map((s) => [s.instance, s.streams])).toEqual([
      ['web-1', 2],
      ['web-2', 7],
    ]);
    expect(admin.sink.events.every((e) => e.type === 'ready' || e.id === 'e:5')).toBe(true);

    const feed = await openRecorded(hub, ['feed:demo']);
    expect(feed.sink.events.map((e) => e.type)).toEqual(['ready', 'add']);

    now += 10_000; // every instance silent for longer than three intervals
    const later = await openRecorded(hub, ['admin:connections']);
    expect(later.sink.events.map((e) => e.type)).toEqual(['ready']);
  });

  it("reports each open stream's backlog: unsent bytes and how long its oldest frame has waited", async () => {
    let now = 1_000;
    const log = new RingLog({ epoch: 'e' });
    const hub = new StreamHub({ log, directory, instance: 'web-1', keepAliveMs: 60_000, now: () => now });
    hubs.push(hub);
    const reading = await openRecorded(hub, ['feed:demo']);
    const stalled = await hub.open({ topics: ['feed:demo', 'feed:fx'], principal: 'someone' });
    const sink = new RecordingSink();
    sink.desiredSize = 0;
    stalled.attach(sink);
    await tick();
    now += 250;
    const loads = new Map(hub.consumers().map((c) => [c.id, c]));
    expect(loads.get(reading.connection.id)).toEqual({
      id: reading.connection.id,
      principal: null,
      topics: 1,
      pendingBytes: 0,
      lagMs: 0,
    });
    expect(loads.get(stalled.id)).toMatchObject({ principal: 'someone', topics: 2, lagMs: 250 });
    expect(loads.get(stalled.id)!.pendingBytes).toBeGreaterThan(0);
  });

  it("conflates a backed-up reader's samples per instance, never across instances", async () => {
    const log = new RingLog({ epoch: 'e' });
    const hub = new StreamHub({ log, directory: statsDirectory, instance: 'web-1', keepAliveMs: 60_000 });
    hubs.push(hub);
    const connection = await hub.open({ topics: ['admin:connections'], principal: null });
    const sink = new RecordingSink();
    sink.desiredSize = 0;
    connection.attach(sink);
    await tick();
    for (let i = 1; i <= 3; i++) {
      log.appendSync({ topic: 'admin:connections', type: 'stats', data: sample('web-1', Date.now(), i) });
      log.appendSync({ topic: 'admin:connections', type: 'stats', data: sample('web-2', Date.now(), 10 + i) });
    }
    await tick();
    expect(hub.consumers()).toEqual([
      expect.objectContaining({ id: connection.id, topics: 1, pendingBytes: expect.any(Number) }),
    ]);
    expect(hub.consumers()[0]!.pendingBytes).toBeGreaterThan(0);
    sink.desiredSize = 1;
    connection.flush();
    const got = sink.events
      .filter((e) => e.type === 'stats')
      .map((e) => [(e.data as { instance: string }).instance, (e.data as { streams: number }).streams]);
    expect(got).toEqual([
      ['web-1', 3],
      ['web-2', 13],
    ]);
    expect(hub.consumers()[0]!.pendingBytes).toBe(0);
    expect(hub.consumers()[0]!.lagMs).toBe(0);
  });
});

describe('StreamHub taking a topic off a stream', () => {
  it('discards frames of that topic still queued (a sign-out sends nothing private afterwards), keeps the others', async () => {
    const { hub, log, publishAdd, publishUpdate } = setup();
    publishAdd('feed:demo', 'A', 1);
    const connection = await hub.open({ topics: ['feed:demo', 'feed:fx'], principal: 'alice' });
    const sink = new RecordingSink();
    connection.attach(sink);
    await tick();
    sink.desiredSize = 0; // the transport is full: what follows queues
    log.appendSync({ topic: 'feed:fx', type: 'add', data: add('feed:fx', 'EUR', 1) });
    publishUpdate('feed:demo', 'A', 2);
    log.appendSync({
      topic: 'feed:fx',
      type: 'update',
      data: { topic: 'feed:fx', symbol: 'EUR', price: 3, bid: 3, ask: 3, ts: 3 },
    });
    await tick();
    expect(
      hub.closeTopics((t, grantedTo) =>
        t === 'feed:fx' && grantedTo === 'alice' ? { reason: 'signed_out', message: 'signed out' } : null,
      ),
    ).toBe(1);
    sink.desiredSize = 1;
    connection.flush();
    const after = sink.events.filter((e) => e.type !== 'ready');
    expect(after.map((e) => `${e.type}:${(e.data as { topic: string }).topic}`)).toEqual([
      'add:feed:demo',
      'update:feed:demo',
      'topic_closed:feed:fx',
    ]);
    expect(after.at(-1)).toMatchObject({ type: 'topic_closed', data: { topic: 'feed:fx', reason: 'signed_out' } });
    expect(after.at(-1)!.id).toBeUndefined();
    expect(connection.pendingBytes).toBe(0);
  });
});

describe('StreamHub refusing and closing one topic alone', () => {
  const typesOf = (sink: RecordingSink) =>
    sink.events.map((e) => `${e.type}:${(e.data as { topic?: string }).topic ?? '-'}`);

  it('opens with the accepted topics: ready lists them, a topic_error per refused one follows, then the snapshots', async () => {
    const { hub, publishAdd } = setup();
    publishAdd('feed:demo', 'A', 1);
    const { sink } = await openRecorded(hub, ['feed:nosuch', 'feed:demo', 'feed:gone']);
    expect(sink.events[0]).toMatchObject({ type: 'ready', data: { topics: ['feed:demo'] } });
    expect(typesOf(sink)).toEqual(['ready:-', 'topic_error:feed:nosuch', 'topic_error:feed:gone', 'add:feed:demo']);
    expect(sink.events[1]).toMatchObject({
      data: { topic: 'feed:nosuch', code: 'unknown_topic', message: 'no such feed' },
    });
    expect(sink.events[1]!.id).toBeUndefined();
  });

  it('fails the whole request only when every topic is refused, listing each refusal', async () => {
    const { hub } = setup();
    const error = await hub.open({ topics: ['feed:nosuch', 'feed:other'], principal: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotelineError);
    expect(error).toMatchObject({
      code: 'unknown_topic',
      refused: [
        { topic: 'feed:nosuch', code: 'unknown_topic' },
        { topic: 'feed:other', code: 'unknown_topic' },
      ],
    });
    expect(hub.stats().connections).toBe(0);
  });

  it('adds the good topics of a change and lists the refused ones, in request order', async () => {
    const { hub, publishAdd } = setup();
    publishAdd('feed:fx', 'EUR', 1);
    const { connection, sink } = await openRecorded(hub, ['feed:demo']);
    const result = await hub.changeSubscriptions({
      connectionId: connection.id,
      token: connection.token,
      subscribe: ['feed:nosuch', 'feed:fx', 'x'.repeat(120)],
      unsubscribe: [],
      principal: null,
    });
    expect(result.topics).toEqual(['feed:demo', 'feed:fx']);
    expect(result.refused.map((r) => [r.topic.startsWith('xxx') ? 'long' : r.topic, r.code])).toEqual([
      ['feed:nosuch', 'unknown_topic'],
      ['long', 'unknown_topic'],
    ]);
    expect(result.refused[1]!.topic).toHaveLength(80);
    await tick();
    expect(typesOf(sink)).toContain('add:feed:fx');
  });

  it('decides added topics by the opener when the directory binds the stream to it', async () => {
    const log = new RingLog({ epoch: 'e', capacity: 100 });
    const bound: TopicDirectory = {
      authorize(topic, principal) {
        if (principal === 'key-demo' && topic !== 'feed:demo')
          throw new QuotelineError('forbidden', 'not with this key');
      },
      principalFor: (opener, requester) => (opener === 'key-demo' ? opener : requester),
    };
    const hub = new StreamHub({ log, directory: bound, instance: 't', keepAliveMs: 60_000 });
    hubs.push(hub);
    const connection = await hub.open({ topics: ['feed:demo'], principal: 'key-demo' });
    const result = await hub.changeSubscriptions({
      connectionId: connection.id,
      token: connection.token,
      subscribe: ['feed:fx', 'account:a1'],
      unsubscribe: [],
      principal: 'someone-signed-in',
    });
    expect(result).toEqual({
      topics: ['feed:demo'],
      refused: [
        expect.objectContaining({ topic: 'feed:fx', code: 'forbidden' }),
        expect.objectContaining({ topic: 'account:a1', code: 'forbidden' }),
      ],
    });
  });

  it('refuses topics past the per-stream limit, adding the first ones that fit', async () => {
    const log = new RingLog({ epoch: 'e', capacity: 100 });
    const hub = new StreamHub({ log, directory: { authorize: () => undefined }, instance: 't', keepAliveMs: 60_000 });
    hubs.push(hub);
    const connection = await hub.open({ topics: Array.from({ length: 30 }, (_, i) => `feed:f${i}`), principal: null });
    const result = await hub.changeSubscriptions({
      connectionId: connection.id,
      token: connection.token,
      subscribe: ['feed:a', 'feed:b', 'feed:c'],
      unsubscribe: [],
      principal: null,
    });
    expect(result.topics).toHaveLength(32);
    expect(result.refused).toEqual([expect.objectContaining({ topic: 'feed:c', code: 'invalid_topic' })]);
  });

  it('closes a deleted feed on its subscribers with topic_closed after its removes; the stream goes on', async () => {
    const { hub, log, publishAdd, publishUpdate } = setup();
    publishAdd('feed:demo', 'A', 1);
    publishAdd('feed:fx', 'EUR', 1);
    const { connection, sink } = await openRecorded(hub, ['feed:demo', 'feed:fx']);
    log.appendSync({ topic: 'feed:fx', type: 'remove', data: { topic: 'feed:fx', symbol: 'EUR' } });
    log.appendSync({
      topic: 'feed:fx',
      type: 'topic_closed',
      data: { topic: 'feed:fx', reason: 'deleted', message: 'The feed was deleted.' },
    });
    publishUpdate('feed:fx', 'EUR', 2);
    publishUpdate('feed:demo', 'A', 3);
    await tick();
    expect(typesOf(sink).slice(3)).toEqual(['remove:feed:fx', 'topic_closed:feed:fx', 'update:feed:demo']);
    expect(sink.events.find((e) => e.type === 'topic_closed')!.id).toBeUndefined();
    expect([...connection.topics]).toEqual(['feed:demo']);
    expect(hub.views.snapshot('feed:fx')).toEqual([]);
  });

  it('resumes the topics that still exist gap-free and refuses the one gone meanwhile', async () => {
    const { hub, log, publishAdd, publishUpdate } = setup();
    publishAdd('feed:demo', 'A', 1);
    const { sink: first } = await openRecorded(hub, ['feed:demo']);
    const lastId = first.events.at(-1)!.id!;
    publishUpdate('feed:demo', 'A', 2);
    publishUpdate('feed:demo', 'A', 3);
    const { sink } = await openRecorded(hub, ['feed:demo', 'feed:gone'], lastId);
    expect(typesOf(sink)).toEqual(['ready:-', 'topic_error:feed:gone', 'update:feed:demo', 'update:feed:demo']);
    expect(sink.events.slice(2).map((e) => (e.data as { price: number }).price)).toEqual([2, 3]);
    void log;
  });

  it('ends a stream of a revoked opener after writing a topic_closed for each topic', async () => {
    const { hub, publishAdd } = setup();
    publishAdd('feed:demo', 'A', 1);
    const connection = await hub.open({ topics: ['feed:demo', 'feed:fx'], principal: { key: 'k1' } });
    const sink = await attach(connection);
    expect(
      hub.endWhere((p) => (p as { key?: string }).key === 'k1', { reason: 'revoked', message: 'The key was revoked.' }),
    ).toBe(1);
    await tick();
    expect(typesOf(sink).slice(-2)).toEqual(['topic_closed:feed:demo', 'topic_closed:feed:fx']);
    expect(sink.closed).toBe(true);
    expect(hub.stats()).toMatchObject({ connections: 0, closed: { revoked: 1 } });
  });
});

describe('StreamHub bounding staleness', () => {
  it('resumes with only the latest update per symbol when asked (a reader catching up), private events in full', async () => {
    const { hub, log, publishAdd, publishUpdate } = setup();
    publishAdd('feed:demo', 'A', 1);
    const { sink: first } = await openRecorded(hub, ['feed:demo']);
    const lastId = first.events.at(-1)!.id!;
    for (let p = 2; p <= 6; p++) publishUpdate('feed:demo', 'A', p);
    const connection = await hub.open({
      topics: ['feed:demo'],
      principal: null,
      lastEventId: lastId,
      latestOnly: true,
    });
    const sink = await attach(connection);
    expect(sink.events.filter((e) => e.type === 'update').map((e) => (e.data as { price: number }).price)).toEqual([6]);
    void log;
  });

  it('cuts a stream whose transport stayed full past the stall bound, however few bytes wait', async () => {
    let now = 1_000_000;
    const log = new RingLog({ epoch: 'e', capacity: 100 });
    const hub = new StreamHub({
      log,
      directory,
      instance: 't',
      keepAliveMs: 60_000,
      maxStallMs: 5_000,
      now: () => now,
    });
    hubs.push(hub);
    const connection = await hub.open({ topics: ['feed:demo'], principal: null });
    const sink = await attach(connection);
    sink.desiredSize = 0;
    const update = (price: number) =>
      log.appendSync({
        topic: 'feed:demo',
        type: 'update',
        data: { topic: 'feed:demo', symbol: 'A', price, bid: price, ask: price, ts: now },
      });
    update(1);
    await tick();
    now += 4_000;
    update(2);
    await tick();
    expect(connection.closedReason).toBeNull();
    now += 2_000;
    update(3);
    await tick();
    expect(connection.closedReason).toBe('slow_consumer');
    expect(hub.stats().closed).toEqual({ slow_consumer: 1 });
  });
});

describe('StreamHub with a throttled topic (a widget out of sight)', () => {
  it('sends at most one update per symbol per interval, the latest, without an id; other topics at full rate; back to full rate at once', async () => {
    let now = 1_000_000;
    const log = new RingLog({ epoch: 'e', capacity: 1000 });
    const hub = new StreamHub({ log, directory, instance: 't', keepAliveMs: 60_000, now: () => now });
    hubs.push(hub);
    const add = (topic: string, symbol: string) =>
      log.appendSync({
        topic,
        type: 'add',
        data: { topic, symbol, name: symbol, price: 1, bid: 1, ask: 1, open: 1, decimals: 2, ts: now },
      });
    const update = (topic: string, symbol: string, price: number) =>
      log.appendSync({ topic, type: 'update', data: { topic, symbol, price, bid: price, ask: price, ts: now } });
    add('feed:demo', 'A');
    add('feed:fx', 'E');
    const connection = await hub.open({ topics: ['feed:demo', 'feed:fx'], principal: null });
    const sink = await attach(connection);
    const setDemoRate = (ms: number) =>
      hub.changeSubscriptions({
        connectionId: connection.id,
        token: connection.token,
        subscribe: [],
        unsubscribe: [],
        rates: { 'feed:demo': ms },
        principal: null,
      });
    await setDemoRate(1000);
    const prices = (topic: string) =>
      sink.events
        .filter((e) => e.type === 'update' && (e.data as { topic: string }).topic === topic)
        .map((e) => (e.data as { price: number }).price);
    for (let i = 1; i <= 5; i++) {
      update('feed:demo', 'A', i);
      update('feed:fx', 'E', i);
      now += 100;
    }
    await tick();
    expect(prices('feed:demo')).toEqual([1]);
    expect(prices('feed:fx')).toEqual([1, 2, 3, 4, 5]);
    now += 600; // a second after the first
    await new Promise((r) => setTimeout(r, 150));
    expect(prices('feed:demo')).toEqual([1, 5]);
    expect(
      sink.events
        .filter((e) => e.type === 'update' && (e.data as { topic: string }).topic === 'feed:demo')
        .every((e) => e.id === undefined),
    ).toBe(true);
    update('feed:demo', 'A', 6);
    await tick();
    await setDemoRate(0);
    await tick();
    expect(prices('feed:demo')).toEqual([1, 5, 6]);
    update('feed:demo', 'A', 7);
    update('feed:demo', 'A', 8);
    await tick();
    expect(prices('feed:demo')).toEqual([1, 5, 6, 7, 8]);
  });
});
