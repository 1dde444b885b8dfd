import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamEvent } from '@quoteline/protocol';
import { StreamClient, type StreamClientOptions } from './streamClient';
import { backoffDelay } from './connection/backoff';
import { FakeStreamServer } from './testing/fakeStreamServer';

const flush = () => vi.advanceTimersByTimeAsync(0);
const topicsOf = (url: URL) => url.searchParams.get('topics')!.split(',');

let server: FakeStreamServer;
let clients: StreamClient[];
function makeClient(options: StreamClientOptions = {}) {
  const client = new StreamClient({ fetch: server.fetch, random: () => 0.5, lingerMs: 10, ...options });
  clients.push(client);
  return client;
}
const types = (events: StreamEvent[]) => events.map((e) => e.type);
/** The events a new listener of the topic receives, from now on. */
function collect(client: StreamClient, topic: string): StreamEvent[] {
  const events: StreamEvent[] = [];
  client.subscribe(topic, (e) => events.push(e));
  return events;
}
/** A client whose stream is open and live on feed:demo. */
async function liveOnDemo() {
  const client = makeClient();
  client.subscribe('feed:demo', () => undefined);
  await flush();
  return client;
}

beforeEach(() => {
  server = new FakeStreamServer(['demo', 'fx']);
  clients = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  clients.forEach((c) => c.close());
  vi.useRealTimers();
});

describe('StreamClient', () => {
  it('opens ONE stream for every topic wanted in the same turn', async () => {
    const client = makeClient();
    const seen = collect(client, 'feed:demo');
    client.subscribe('feed:demo', () => undefined);
    client.subscribe('feed:fx', () => undefined);
    expect(client.status).toBe('idle');
    await flush();
    expect(server.gets).toHaveLength(1);
    expect(topicsOf(server.gets[0]!)).toEqual(['feed:demo', 'feed:fx']);
    expect(client.status).toBe('live');
    server.tick('demo', 2);
    server.tick('fx', 3);
    await flush();
    expect(types(seen)).toEqual(['reset', 'ready', 'add', 'update']);
  });

  it('adds a later topic over POST on the same stream, and removes one nobody wants', async () => {
    const client = makeClient();
    const stop = client.subscribe('feed:demo', () => undefined);
    await flush();
    client.subscribe('feed:fx', () => undefined);
    await flush();
    expect(server.posts).toEqual([{ subscribe: ['feed:fx'], unsubscribe: [] }]);
    stop();
    await vi.advanceTimersByTimeAsync(20);
    expect(server.posts.at(-1)).toEqual({ subscribe: [], unsubscribe: ['feed:demo'] });
    expect(server.gets).toHaveLength(1);
  });

  it('reconnects with backoff and resumes from the last event id', async () => {
    const client = makeClient();
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    client.subscribe('feed:demo', () => undefined);
    await flush();
    server.tick('demo', 2);
    await flush();
    const lastId = `ep:2`;
    server.open[0]!.end();
    await flush();
    expect(client.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(backoffDelay(0, () => 0.5));
    expect(server.gets).toHaveLength(2);
    expect(server.gets[1]!.searchParams.get('lastEventId')).toBe(lastId);
    expect(server.gets[1]!.searchParams.get('replay')).toBeNull();
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('hands a listener that joins a live topic its current rows (the stream will not resend the snapshot)', async () => {
    const client = await liveOnDemo();
    server.tick('demo', 2);
    await flush();
    const late = collect(client, 'feed:demo');
    await flush();
    expect(types(late)).toEqual(['ready', 'add']);
    expect(late[1]!.data).toMatchObject({ symbol: 'DEMO', price: 2 });
    expect(server.gets).toHaveLength(1);
  });

  it('passes feed status events on, and hands a late listener of a paused feed its status after the rows', async () => {
    const client = makeClient();
    const seen = collect(client, 'feed:demo');
    await flush();
    server.open[0]!.send('status', { topic: 'feed:demo', status: 'paused' }, server.nextId());
    await flush();
    expect(seen.at(-1)).toEqual({ type: 'status', id: 'ep:2', data: { topic: 'feed:demo', status: 'paused' } });
    const late = collect(client, 'feed:demo');
    await flush();
    expect(types(late)).toEqual(['ready', 'add', 'status']);
    expect(late[2]!.data).toEqual({ topic: 'feed:demo', status: 'paused' });
  });

  it('starts a feed added over POST as running, so a paused state kept from an earlier subscription does not linger', async () => {
    const client = await liveOnDemo();
    const fx = collect(client, 'feed:fx');
    await flush();
    expect(server.posts).toEqual([{ subscribe: ['feed:fx'], unsubscribe: [] }]);
    expect(fx[0]).toEqual({ type: 'status', data: { topic: 'feed:fx', status: 'running' } });
    expect(types(fx)).toEqual(['status', 'add', 'ready']);
  });

  it('passes stats events of an admin topic to its listeners', async () => {
    server.feeds.add('x');
    const client = makeClient();
    const seen: StreamEvent[] = [];
    client.subscribe('feed:x', () => undefined);
    await flush();
    client.subscribe('admin:connections', (e) => seen.push(e));
    await flush();
    // The fake server has no admin topics: it refuses it, and only its listener hears of it.
    expect(types(seen)).toEqual(['topic_error']);
    server.open[0]!.topics.add('admin:connections');
    server.open[0]!.send('stats', { topic: 'admin:connections', instance: 'web-1', streams: 3 }, server.nextId());
    await flush();
    expect(types(seen)).toEqual(['topic_error', 'stats']);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(500);
    expect(backoffDelay(3, () => 0.999)).toBeLessThan(4000);
    expect(backoffDelay(3, () => 0.999)).toBeGreaterThan(3900);
    expect(backoffDelay(40, () => 0.999)).toBeLessThanOrEqual(30_000);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});

describe('StreamClient with widgets out of sight', () => {
  it('slows a topic only when every listener is out of sight, and asks full rate at once when one comes back', async () => {
    const client = makeClient();
    const a = () => undefined;
    const b = () => undefined;
    client.subscribe('feed:demo', a);
    client.subscribe('feed:demo', b);
    client.subscribe('feed:fx', () => undefined);
    await flush();
    client.setInSight('feed:demo', a, false);
    await flush();
    expect(server.posts).toEqual([]); // b still sees it
    client.setInSight('feed:demo', b, false);
    await flush();
    expect(server.posts).toEqual([{ subscribe: [], unsubscribe: [], rates: { 'feed:demo': 1000 } }]);
    client.setInSight('feed:demo', a, true);
    await flush();
    expect(server.posts.at(-1)).toEqual({ subscribe: [], unsubscribe: [], rates: { 'feed:demo': 0 } });
    expect(server.posts).toHaveLength(2);
    expect(server.gets).toHaveLength(1);
  });

  it('slows a topic whose only listener in sight leaves, and asks again for the rate on a new stream', async () => {
    const client = makeClient();
    const hidden = () => undefined;
    client.subscribe('feed:demo', hidden);
    const stop = client.subscribe('feed:demo', () => undefined);
    await flush();
    client.setInSight('feed:demo', hidden, false);
    stop();
    await flush();
    expect(server.posts).toEqual([{ subscribe: [], unsubscribe: [], rates: { 'feed:demo': 1000 } }]);
    server.open[0]!.end();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.gets).toHaveLength(2);
    expect(server.posts.at(-1)).toEqual({ subscribe: [], unsubscribe: [], rates: { 'feed:demo': 1000 } });
  });
});

describe('StreamClient with a refused or closed topic', () => {
  it('tells only the refused topic’s listeners at open, keeps it out of every later stream URL, and the rest goes on', async () => {
    const client = makeClient();
    const demo: StreamEvent[] = [];
    const nosuch: StreamEvent[] = [];
    client.subscribe('feed:demo', (e) => demo.push(e));
    client.subscribe('feed:nosuch', (e) => nosuch.push(e));
    await flush();
    expect(topicsOf(server.gets[0]!)).toEqual(['feed:demo', 'feed:nosuch']);
    expect(nosuch.at(-1)).toMatchObject({ type: 'topic_error', data: { topic: 'feed:nosuch', code: 'unknown_topic' } });
    expect(types(demo)).not.toContain('topic_error');
    server.open[0]!.end();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.gets).toHaveLength(2);
    expect(topicsOf(server.gets[1]!)).toEqual(['feed:demo']);
    expect(client.status).toBe('live');
  });

  it('does not retry a stream whose every topic is forbidden, and retries a missing feed slowly', async () => {
    const client = makeClient();
    const account = collect(client, 'account:a1');
    await flush();
    expect(server.gets).toHaveLength(1);
    expect(account.at(-1)).toMatchObject({ type: 'topic_error', data: { code: 'forbidden' } });
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(server.gets).toHaveLength(1);
    expect(client.status).toBe('idle');

    const missing = makeClient({ retryMs: 30_000 });
    const seen: StreamEvent[] = [];
    missing.subscribe('feed:later', (e) => seen.push(e));
    await flush();
    expect(server.gets).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(server.gets).toHaveLength(2); // no tight loop
    server.feeds.add('later');
    await vi.advanceTimersByTimeAsync(40_000);
    expect(server.gets).toHaveLength(3);
    expect(types(seen).slice(-2)).toEqual(['ready', 'add']);
    expect(missing.status).toBe('live');
  });

  it('refuses one topic of a POST alone: its listener is told, no new stream, and it stays out of the reconnect URL', async () => {
    const client = await liveOnDemo();
    const bad = collect(client, 'feed:nosuch');
    client.subscribe('account:x', (e) => bad.push(e));
    await flush();
    expect(server.posts).toEqual([{ subscribe: ['feed:nosuch', 'account:x'], unsubscribe: [] }]);
    expect(bad.filter((e) => e.type === 'topic_error').map((e) => (e.data as { code: string }).code)).toEqual([
      'unknown_topic',
      'forbidden',
    ]);
    expect(server.gets).toHaveLength(1);
    server.open[0]!.end();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(topicsOf(server.gets[1]!)).toEqual(['feed:demo']);
    expect(server.gets[1]!.searchParams.get('lastEventId')).not.toBeNull();
  });

  it('asks again for a refused topic when a widget asks anew, once', async () => {
    const client = makeClient();
    client.subscribe('feed:demo', () => undefined);
    client.subscribe('account:x', () => undefined);
    await flush();
    expect(server.posts).toHaveLength(0);
    client.subscribe('account:x', () => undefined);
    await flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.posts).toEqual([{ subscribe: ['account:x'], unsubscribe: [] }]);
  });

  it('closes a deleted feed for its listeners only, asks for it again later, and gets it back when it is re-created', async () => {
    const client = makeClient({ retryMs: 30_000 });
    const fx: StreamEvent[] = [];
    const demo: StreamEvent[] = [];
    client.subscribe('feed:fx', (e) => fx.push(e));
    client.subscribe('feed:demo', (e) => demo.push(e));
    await flush();
    server.deleteFeed('fx');
    server.tick('demo', 5);
    await flush();
    expect(fx.at(-1)).toMatchObject({ type: 'topic_closed', data: { reason: 'deleted' } });
    expect(demo.at(-1)).toMatchObject({ type: 'update', data: { price: 5 } });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.posts.map((p) => p.subscribe)).toEqual([['feed:fx']]); // asked once, refused (it does not exist)
    expect(fx.at(-1)).toMatchObject({ type: 'topic_error', data: { code: 'unknown_topic' } });
    server.feeds.add('fx');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(fx.at(-1)).toMatchObject({ type: 'ready' });
    expect(server.gets).toHaveLength(1);
  });

  it('refuses every topic of a stream its key does not allow, without a loop', async () => {
    server.refuseAll = { status: 403, code: 'forbidden', message: 'This embed key does not allow this site.' };
    const client = makeClient();
    const seen = collect(client, 'feed:demo');
    await flush();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(server.gets).toHaveLength(1);
    expect(seen.at(-1)).toMatchObject({
      type: 'topic_error',
      data: { code: 'forbidden', message: 'This embed key does not allow this site.' },
    });
  });

  it('asks again with backoff when a POST gets no answer, without reopening the stream; a refused POST refuses its topics', async () => {
    const client = await liveOnDemo();
    server.postFailure = { status: 0, code: 'network' };
    const fx = collect(client, 'feed:fx');
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.posts.length).toBeGreaterThan(1);
    expect(server.posts.length).toBeLessThan(10);
    expect(server.gets).toHaveLength(1);
    server.postFailure = null;
    await vi.advanceTimersByTimeAsync(30_000);
    expect(fx.at(-1)).toMatchObject({ type: 'ready' });

    server.postFailure = { status: 403, code: 'forbidden' };
    const refused: StreamEvent[] = [];
    server.feeds.add('third');
    client.subscribe('feed:third', (e) => refused.push(e));
    const posts = server.posts.length;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.posts.length).toBe(posts + 1);
    expect(refused.at(-1)).toMatchObject({
      type: 'topic_error',
      data: { code: 'forbidden', message: 'Refused by the test.' },
    });
    expect(server.gets).toHaveLength(1);
  });

  it('closes the stream when its last topic is closed, and opens none for a topic that will not come back', async () => {
    const client = makeClient();
    client.subscribe('feed:fx', () => undefined);
    await flush();
    server.open[0]!.topics.delete('feed:fx');
    server.open[0]!.send('topic_closed', {
      topic: 'feed:fx',
      reason: 'revoked',
      message: 'This embed key no longer allows feed "fx".',
    });
    await flush();
    expect(server.open).toHaveLength(0);
    expect(client.status).toBe('idle');
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(server.gets).toHaveLength(1);
  });
});

describe('StreamClient reading old news', () => {
  it('resumes at once when updates arrive much older than the freshest it read', async () => {
    const client = makeClient({ staleAfterMs: 3_000 });
    const seen = collect(client, 'feed:demo');
    await flush();
    server.tick('demo', 2, Date.now());
    await flush();
    await vi.advanceTimersByTimeAsync(60_000);
    server.tick('demo', 3, Date.now() - 59_000); // waited in a buffer for a minute
    await flush();
    expect(server.gets).toHaveLength(2);
    expect(server.gets[1]!.searchParams.get('lastEventId')).toBe('ep:2');
    expect(server.gets[1]!.searchParams.get('replay')).toBe('latest');
    expect(seen.filter((e) => e.type === 'update').map((e) => (e.data as { price: number }).price)).toEqual([2]);
  });
});
