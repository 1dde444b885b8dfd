import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamEvent } from '@quoteline/protocol';
import { StreamClient } from './streamClient';
import { backoffDelay } from './backoff';

class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  onerror: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: unknown, id = '') {
    for (const fn of this.listeners.get(type) ?? []) fn({ data: JSON.stringify(data), lastEventId: id } as MessageEvent);
  }
  get query() {
    return new URL(this.url, 'http://x').searchParams;
  }
}

const ready = (topics: string[]) => ({ connectionId: 'c1', token: 't'.repeat(20), instance: 'i', protocol: 1, topics });
const flush = () => vi.advanceTimersByTimeAsync(0);

let posts: { subscribe: string[]; unsubscribe: string[] }[];
function makeClient() {
  posts = [];
  const fetch = vi.fn(async (_url: string, init: { body: string }) => {
    const body = JSON.parse(init.body) as { subscribe: string[]; unsubscribe: string[] };
    posts.push({ subscribe: body.subscribe, unsubscribe: body.unsubscribe });
    return new Response(JSON.stringify({ topics: ['feed:demo', ...body.subscribe] }), { status: 200 });
  });
  return new StreamClient({ EventSource: FakeEventSource as unknown as typeof EventSource, fetch: fetch as unknown as typeof globalThis.fetch, random: () => 0.5, lingerMs: 10 });
}

beforeEach(() => {
  FakeEventSource.instances = [];
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => vi.useRealTimers());

describe('StreamClient', () => {
  it('opens ONE stream for every topic wanted in the same turn', async () => {
    const client = makeClient();
    const seen: StreamEvent[] = [];
    client.subscribe('feed:demo', (e) => seen.push(e));
    client.subscribe('feed:demo', () => undefined);
    client.subscribe('feed:fx', () => undefined);
    await flush();
    expect(FakeEventSource.instances).toHaveLength(1);
    expect(FakeEventSource.instances[0]!.query.get('topics')).toBe('feed:demo,feed:fx');
    expect(client.status).toBe('connecting');
    const es = FakeEventSource.instances[0]!;
    es.emit('ready', ready(['feed:demo', 'feed:fx']));
    es.emit('update', { topic: 'feed:demo', symbol: 'A', price: 1, bid: 1, ask: 1, ts: 1 }, 'e:5');
    es.emit('update', { topic: 'feed:fx', symbol: 'E', price: 1, bid: 1, ask: 1, ts: 1 }, 'e:6');
    expect(client.status).toBe('live');
    expect(seen.map((e) => e.type)).toEqual(['reset', 'ready', 'update']);
  });

  it('adds a later topic over POST on the same stream, and removes one nobody wants', async () => {
    const client = makeClient();
    const stop = client.subscribe('feed:demo', () => undefined);
    await flush();
    FakeEventSource.instances[0]!.emit('ready', ready(['feed:demo']));
    client.subscribe('feed:fx', () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toEqual([{ subscribe: ['feed:fx'], unsubscribe: [] }]);
    stop();
    await vi.advanceTimersByTimeAsync(20);
    expect(posts.at(-1)).toEqual({ subscribe: [], unsubscribe: ['feed:demo'] });
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('reconnects with backoff and resumes from the last event id', async () => {
    const client = makeClient();
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    client.subscribe('feed:demo', () => undefined);
    await flush();
    const first = FakeEventSource.instances[0]!;
    first.emit('ready', ready(['feed:demo']));
    first.emit('update', { topic: 'feed:demo', symbol: 'A', price: 1, bid: 1, ask: 1, ts: 1 }, 'ep:42');
    first.onerror!();
    expect(first.closed).toBe(true);
    expect(client.status).toBe('reconnecting');
    await vi.advanceTimersByTimeAsync(backoffDelay(0, () => 0.5));
    const second = FakeEventSource.instances[1]!;
    expect(second.query.get('lastEventId')).toBe('ep:42');
    second.emit('ready', ready(['feed:demo']));
    expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  });

  it('hands a listener that joins a live topic its current rows (the stream will not resend the snapshot)', async () => {
    const client = makeClient();
    client.subscribe('feed:demo', () => undefined);
    await flush();
    const es = FakeEventSource.instances[0]!;
    es.emit('ready', ready(['feed:demo']));
    es.emit('add', { topic: 'feed:demo', symbol: 'A', name: 'A', price: 1, bid: 1, ask: 1, open: 1, decimals: 2, ts: 1 }, 'e:1');
    es.emit('update', { topic: 'feed:demo', symbol: 'A', price: 2, bid: 2, ask: 2, ts: 2 }, 'e:2');
    const late: StreamEvent[] = [];
    client.subscribe('feed:demo', (e) => late.push(e));
    await flush();
    expect(late.map((e) => e.type)).toEqual(['ready', 'add']);
    expect(late[1]!.data).toMatchObject({ symbol: 'A', price: 2 });
    expect(FakeEventSource.instances).toHaveLength(1);
  });

  it('passes feed status events on, and hands a late listener of a paused feed its status after the rows', async () => {
    const client = makeClient();
    const seen: StreamEvent[] = [];
    client.subscribe('feed:demo', (e) => seen.push(e));
    await flush();
    const es = FakeEventSource.instances[0]!;
    es.emit('ready', ready(['feed:demo']));
    es.emit('add', { topic: 'feed:demo', symbol: 'A', name: 'A', price: 1, bid: 1, ask: 1, open: 1, decimals: 2, ts: 1 }, 'e:1');
    es.emit('status', { topic: 'feed:demo', status: 'paused' }, 'e:1');
    expect(seen.at(-1)).toEqual({ type: 'status', id: 'e:1', data: { topic: 'feed:demo', status: 'paused' } });
    const late: StreamEvent[] = [];
    client.subscribe('feed:demo', (e) => late.push(e));
    await flush();
    expect(late.map((e) => e.type)).toEqual(['ready', 'add', 'status']);
    expect(late[2]!.data).toEqual({ topic: 'feed:demo', status: 'paused' });
  });

  it('starts a feed added over POST as running, so a paused state kept from an earlier subscription does not linger', async () => {
    const client = makeClient();
    client.subscribe('feed:demo', () => undefined);
    await flush();
    FakeEventSource.instances[0]!.emit('ready', ready(['feed:demo']));
    const fx: StreamEvent[] = [];
    client.subscribe('feed:fx', (e) => fx.push(e));
    await vi.advanceTimersByTimeAsync(0);
    expect(posts).toEqual([{ subscribe: ['feed:fx'], unsubscribe: [] }]);
    expect(fx[0]).toEqual({ type: 'status', data: { topic: 'feed:fx', status: 'running' } });
    expect(fx.map((e) => e.type)).toEqual(['status', 'ready']);
  });

  it('passes stats events of an admin topic to its listeners', async () => {
    const client = makeClient();
    const seen: StreamEvent[] = [];
    client.subscribe('admin:connections', (e) => seen.push(e));
    await flush();
    const es = FakeEventSource.instances[0]!;
    es.emit('ready', ready(['admin:connections']));
    es.emit('stats', { topic: 'admin:connections', instance: 'web-1', streams: 3 }, 'e:9');
    expect(seen.map((e) => e.type)).toEqual(['reset', 'ready', 'stats']);
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(500);
    expect(backoffDelay(3, () => 0.999)).toBeLessThan(4000);
    expect(backoffDelay(3, () => 0.999)).toBeGreaterThan(3900);
    expect(backoffDelay(40, () => 0.999)).toBeLessThanOrEqual(30_000);
    expect(backoffDelay(5, () => 0)).toBe(0);
  });
});
