import { describe, expect, it } from 'vitest';
import { MarketEngine, type FeedConfig, type MarketEvent } from './engine';

const feed = (seed = 42): FeedConfig => ({
  slug: 'demo',
  source: 'simulator',
  status: 'running',
  tickIntervalMs: 500,
  volatility: 0.35,
  drift: 0,
  spreadBps: 8,
  seed,
  instruments: [
    { symbol: 'GLOBX', name: 'Globex', priceScale: 2, tickSize: 1, openPrice: 8700, lastPrice: 8733 },
    { symbol: 'ACME', name: 'Acme Corp', priceScale: 2, tickSize: 1, openPrice: 14250, lastPrice: 14250 },
  ],
});

function run(seed: number, ticks: number) {
  const events: MarketEvent[] = [];
  const engine = new MarketEngine({ publish: (e) => events.push(e), now: () => 1_000 });
  engine.loadFeed(feed(seed));
  for (let i = 0; i < ticks; i++) engine.tick('demo');
  return { engine, events };
}

describe('market engine', () => {
  it('announces instruments in symbol order and the feed status, then updates each on every tick', () => {
    const { events } = run(42, 2);
    expect(
      events.map((e) =>
        e.type === 'status'
          ? `status:${e.data.status}`
          : e.type === 'topic_closed'
            ? 'closed'
            : `${e.type}:${e.data.symbol}`,
      ),
    ).toEqual([
      'add:ACME',
      'add:GLOBX',
      'status:running',
      'update:ACME',
      'update:GLOBX',
      'update:ACME',
      'update:GLOBX',
    ]);
    expect(events[0]!.data).toMatchObject({ topic: 'feed:demo', price: 142.5, open: 142.5, decimals: 2 });
  });

  it('announces a deleted feed with a remove per instrument, then closes its topic', () => {
    const { engine, events } = run(42, 0);
    events.length = 0;
    engine.unloadFeed('demo');
    expect(events.map((e) => e.type)).toEqual(['remove', 'remove', 'topic_closed']);
    expect(events[2]).toMatchObject({ topic: 'feed:demo', data: { topic: 'feed:demo', reason: 'deleted' } });
    expect(engine.wasDeleted('demo')).toBe(true);
    engine.loadFeed(feed(42));
    expect(engine.wasDeleted('demo')).toBe(false);
    events.length = 0;
    engine.unloadFeed('demo', { announce: false });
    expect(events).toEqual([]);
  });

  it('replays the same prices for the same seed', () => {
    expect(run(42, 50).events).toEqual(run(42, 50).events);
    expect(run(42, 50).events).not.toEqual(run(43, 50).events);
  });

  it('snapshots the current quotes as add events', () => {
    const { engine, events } = run(42, 3);
    const last = events.filter((e) => e.type === 'update').slice(-2);
    const snap = engine.snapshot('demo')!;
    expect(snap.map((a) => [a.symbol, a.price, a.bid, a.ask])).toEqual(
      last.map((u) => [
        u.data.symbol,
        (u.data as { price: number }).price,
        (u.data as { bid: number }).bid,
        (u.data as { ask: number }).ask,
      ]),
    );
    expect(engine.snapshot('nope')).toBeNull();
  });

  it('removes instruments with a remove event', () => {
    const { engine, events } = run(42, 0);
    expect(engine.removeInstrument('demo', 'ACME')).toBe(true);
    expect(engine.removeInstrument('demo', 'ACME')).toBe(false);
    expect(events.at(-1)).toEqual({ topic: 'feed:demo', type: 'remove', data: { topic: 'feed:demo', symbol: 'ACME' } });
    expect(engine.snapshot('demo')!.map((a) => a.symbol)).toEqual(['GLOBX']);
  });
});

describe('market engine pause', () => {
  it('publishes a status event when the status changes, and only then', () => {
    const { engine, events } = run(42, 0);
    const statuses = () => events.filter((e) => e.type === 'status').map((e) => e.data);
    expect(statuses()).toEqual([{ topic: 'feed:demo', status: 'running' }]);
    engine.setStatus('demo', 'paused');
    engine.setStatus('demo', 'paused');
    engine.setStatus('demo', 'running');
    expect(statuses()).toEqual([
      { topic: 'feed:demo', status: 'running' },
      { topic: 'feed:demo', status: 'paused' },
      { topic: 'feed:demo', status: 'running' },
    ]);
  });

  it('announces a feed loaded paused as paused, after its adds', () => {
    const events: MarketEvent[] = [];
    const engine = new MarketEngine({ publish: (e) => events.push(e), now: () => 1 });
    engine.loadFeed({ ...feed(1), status: 'paused' });
    expect(events.map((e) => e.type)).toEqual(['add', 'add', 'status']);
    expect(events.at(-1)!.data).toEqual({ topic: 'feed:demo', status: 'paused' });
  });

  it('publishes nothing on its timer while paused and continues after resume', async () => {
    const events: MarketEvent[] = [];
    const engine = new MarketEngine({ publish: (e) => events.push(e) });
    engine.loadFeed({ ...feed(1), tickIntervalMs: 10 });
    engine.start();
    engine.setStatus('demo', 'paused');
    const before = events.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(events.length).toBe(before);
    expect(engine.feedStatus('demo')).toBe('paused');
    engine.setStatus('demo', 'running');
    await new Promise((r) => setTimeout(r, 50));
    expect(events.length).toBeGreaterThan(before);
    engine.stop();
  });
});

describe('market engine push ticks', () => {
  it('publishes a pushed price with the feed spread, and refuses unknown symbols, crossed quotes and paused feeds', () => {
    const events: MarketEvent[] = [];
    const engine = new MarketEngine({ publish: (e) => events.push(e), now: () => 5 });
    engine.loadFeed({ ...feed(1), source: 'push', spreadBps: 10 });
    expect(engine.pushTick('demo', { symbol: 'ACME', price: 10_000 })).toBeNull();
    expect(events.at(-1)!.data).toEqual({
      topic: 'feed:demo',
      symbol: 'ACME',
      price: 100,
      bid: 99.95,
      ask: 100.05,
      ts: 5,
    });
    expect(engine.pushTick('demo', { symbol: 'NOPE', price: 1 })).toMatch(/not an instrument/);
    expect(engine.pushTick('demo', { symbol: 'ACME', price: 100, bid: 101, ask: 100 })).toMatch(/bid/);
    engine.setStatus('demo', 'paused');
    expect(engine.pushTick('demo', { symbol: 'ACME', price: 100 })).toMatch(/paused/);
  });

  it('refuses a pushed ts more than 5 minutes off its clock and publishes nothing for it', () => {
    const now = Date.UTC(2026, 0, 5, 9, 0, 0);
    const events: MarketEvent[] = [];
    const engine = new MarketEngine({ publish: (e) => events.push(e), now: () => now });
    engine.loadFeed({ ...feed(1), source: 'push' });
    const published = events.length;
    const tenYears = 10 * 365 * 86_400_000;
    for (const ts of [9e15, now + tenYears, now + 300_001, now - 300_001, 0])
      expect(engine.pushTick('demo', { symbol: 'ACME', price: 10_000, ts }), `ts ${ts}`).toMatch(/within 5 minutes/);
    expect(events.length).toBe(published);
    expect(engine.snapshot('demo')!.find((a) => a.symbol === 'ACME')!.ts).toBe(now);
    for (const ts of [now + 300_000, now - 300_000, now])
      expect(engine.pushTick('demo', { symbol: 'ACME', price: 10_000, ts })).toBeNull();
    expect(events.slice(published).map((e) => (e.data as { ts: number }).ts)).toEqual([
      now + 300_000,
      now - 300_000,
      now,
    ]);
  });
});

describe('market engine following another instance', () => {
  it('takes adds, updates and removes from the log silently and continues the walk from the followed prices', () => {
    const leader = run(42, 3);
    const published: MarketEvent[] = [];
    const follower = new MarketEngine({ publish: (e) => published.push(e), now: () => 1_000 });
    follower.loadFeed({ ...feed(42), instruments: [] });
    published.length = 0;
    for (const event of leader.events) follower.follow(event);
    expect(published).toEqual([]);
    expect(follower.snapshot('demo')).toEqual(leader.engine.snapshot('demo'));
    follower.follow({ topic: 'feed:demo', type: 'remove', data: { topic: 'feed:demo', symbol: 'ACME' } });
    expect(follower.snapshot('demo')!.map((a) => a.symbol)).toEqual(['GLOBX']);
    follower.tick('demo');
    const next = published[0]!.data as { symbol: string; price: number };
    expect(next.symbol).toBe('GLOBX');
    expect(
      Math.abs(next.price - leader.engine.snapshot('demo')!.find((a) => a.symbol === 'GLOBX')!.price),
    ).toBeLessThan(5);
  });

  it('quotes an instrument learned from the log on its stored tick grid once told it', () => {
    const engine = new MarketEngine({ publish: () => undefined, now: () => 1 });
    engine.loadFeed({ ...feed(), source: 'push', instruments: [] });
    engine.follow({
      topic: 'feed:demo',
      type: 'add',
      data: {
        topic: 'feed:demo',
        symbol: 'X',
        name: 'X',
        price: 10,
        bid: 9.99,
        ask: 10.01,
        open: 10,
        decimals: 2,
        ts: 1,
      },
    });
    const quoteOf = () => {
      engine.pushTick('demo', { symbol: 'X', price: 1_003 });
      const { bid, ask } = engine.snapshot('demo')!.find((a) => a.symbol === 'X')!;
      return [bid, ask];
    };
    expect(quoteOf()).toEqual([10.03, 10.04]); // learned from the log: tick size 1 until told
    engine.adoptTickSizes('demo', [
      { symbol: 'X', tickSize: 5 },
      { symbol: 'GONE', tickSize: 5 },
    ]);
    expect(quoteOf()).toEqual([10.05, 10.1]); // the spread around the pushed price, on the 5-cent grid
  });

  it('ignores events of feeds it has not loaded and updates of unseen instruments', () => {
    const engine = new MarketEngine({ publish: () => undefined });
    engine.follow({
      topic: 'feed:other',
      type: 'update',
      data: { topic: 'feed:other', symbol: 'X', price: 1, bid: 1, ask: 1, ts: 1 },
    });
    engine.loadFeed({ ...feed(), instruments: [] });
    engine.follow({
      topic: 'feed:demo',
      type: 'update',
      data: { topic: 'feed:demo', symbol: 'X', price: 1, bid: 1, ask: 1, ts: 1 },
    });
    expect(engine.snapshot('demo')).toEqual([]);
  });
});
