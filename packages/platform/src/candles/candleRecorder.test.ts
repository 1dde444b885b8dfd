import { afterEach, describe, expect, it, vi } from 'vitest';
import { MarketEngine, type Candle } from '@quoteline/market';
import { RingLog } from '@quoteline/stream';
import { CandleRecorder } from './candleRecorder';
import type { CandleStore } from './candleStore';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

/** An in-memory store that counts batches, so tests can tell batches from per-tick writes. */
function memoryStore(initial: Candle[] = []) {
  const rows = new Map<string, Candle>(initial.map((c) => [`${c.symbol}|${c.interval}|${c.start}`, c]));
  const batches: number[] = [];
  const store: CandleStore & { rows: Map<string, Candle>; batches: number[]; down: boolean } = {
    rows,
    batches,
    down: false,
    async save(candles) {
      if (store.down) throw new Error('disk full');
      batches.push(candles.length);
      for (const c of candles) rows.set(`${c.symbol}|${c.interval}|${c.start}`, { ...c });
    },
    async history(symbol, interval, limit) {
      return [...rows.values()]
        .filter((c) => c.symbol === symbol && c.interval === interval)
        .sort((a, b) => a.start - b.start)
        .slice(-limit);
    },
    async inProgress(now) {
      return [...rows.values()].filter(
        (c) => c.start <= now && now < c.start + { '1m': 60_000, '5m': 300_000, '1h': 3_600_000 }[c.interval],
      );
    },
  };
  return store;
}

function setup(store = memoryStore(), now = { t: T0 }) {
  const log = new RingLog({ capacity: 1000 });
  const engine = new MarketEngine({ publish: (e) => log.appendSync(e), now: () => now.t });
  const recorder = new CandleRecorder({ log, store, flushMs: 60_000, now: () => now.t, onError: () => undefined });
  return { log, engine, recorder, store, now };
}

const feed = {
  slug: 'demo',
  source: 'simulator',
  status: 'running' as const,
  tickIntervalMs: 500,
  volatility: 0.35,
  drift: 0,
  spreadBps: 8,
  seed: 42,
  instruments: [
    { symbol: 'ACME', name: 'Acme', priceScale: 2, tickSize: 1, openPrice: 14250, lastPrice: 14250 },
    { symbol: 'GLOBX', name: 'Globex', priceScale: 2, tickSize: 1, openPrice: 8700, lastPrice: 8700 },
  ],
};

afterEach(() => vi.useRealTimers());

describe('candle recorder', () => {
  it('starts each series with the price of the instrument’s add, in minor units', () => {
    const { engine, recorder } = setup();
    recorder.start();
    engine.loadFeed(feed);
    expect(recorder.recent('ACME', '1m')).toEqual([
      { symbol: 'ACME', interval: '1m', start: T0, open: 14250, high: 14250, low: 14250, close: 14250, ticks: 1 },
    ]);
    expect(recorder.decimalsOf('ACME')).toBe(2);
  });

  it('writes changed candles in one batch per flush, not one write per tick', async () => {
    const { engine, recorder, store, now } = setup();
    recorder.start();
    engine.loadFeed(feed);
    for (let i = 0; i < 200; i++) {
      now.t = T0 + i * 500; // 100 s: two 1m candles per symbol
      engine.tick('demo');
    }
    expect(store.batches).toEqual([]);
    await recorder.flush();
    // 2 symbols × (two 1m + one 5m + one 1h) candles, in ONE batch for 400 ticks
    expect(store.batches).toEqual([8]);
    const acme = recorder.recent('ACME', '1m');
    expect(store.rows.get(`ACME|1m|${T0 + 60_000}`)).toEqual(acme[1]);
    expect(acme.reduce((n, c) => n + c.ticks, 0)).toBe(201);
    await recorder.flush();
    expect(store.batches).toEqual([8]); // nothing changed, nothing written
  });

  it('flushes on its timer and once more on stop', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const store = memoryStore();
    const log = new RingLog({ capacity: 100 });
    const engine = new MarketEngine({ publish: (e) => log.appendSync(e), now: () => T0 });
    const recorder = new CandleRecorder({ log, store, flushMs: 5_000 });
    recorder.start();
    engine.loadFeed(feed);
    vi.advanceTimersByTime(5_000);
    await recorder.flush(); // waits for the timer's batch
    expect(store.batches).toEqual([6]);
    engine.tick('demo');
    await recorder.stop();
    expect(store.batches).toEqual([6, 6]);
    engine.tick('demo');
    await recorder.flush();
    expect(store.batches).toEqual([6, 6]); // stopped: no longer listening
  });

  it('keeps a batch the store refuses whole (it is down, not a row) and writes it with the next one', async () => {
    const store = memoryStore();
    const errors: unknown[] = [];
    const log = new RingLog({ capacity: 1000 });
    const engine = new MarketEngine({ publish: (e) => log.appendSync(e), now: () => T0 });
    const recorder = new CandleRecorder({
      log,
      store,
      flushMs: 60_000,
      now: () => T0,
      onSkipped: () => errors.push('skipped'),
      onError: (e) => errors.push(e),
    });
    recorder.start();
    engine.loadFeed(feed);
    store.down = true;
    await recorder.flush();
    expect(store.rows.size).toBe(0);
    expect(errors).toHaveLength(1);
    store.down = false;
    await recorder.flush();
    expect(store.rows.size).toBe(6);
    expect(errors).toHaveLength(1);
  });

  it('skips a row the store cannot take, writes the rest of its batch, and reports it once', async () => {
    // Like one database transaction per batch: a single row the store refuses fails the whole call.
    const store = memoryStore();
    const refused = (c: Candle) => c.symbol === 'ACME' && c.interval === '5m';
    const save = store.save.bind(store);
    let calls = 0;
    store.save = async (candles) => {
      calls++;
      if (candles.some(refused)) throw new Error('Invalid Date');
      await save(candles);
    };
    const skipped: Candle[] = [];
    const errors: unknown[] = [];
    const log = new RingLog({ capacity: 1000 });
    const now = { t: T0 };
    const engine = new MarketEngine({ publish: (e) => log.appendSync(e), now: () => now.t });
    const recorder = new CandleRecorder({
      log,
      store,
      flushMs: 60_000,
      now: () => now.t,
      onSkipped: (c) => skipped.push(c),
      onError: (e) => errors.push(e),
    });
    recorder.start();
    engine.loadFeed(feed);
    await recorder.flush();
    expect([...store.rows.keys()].sort()).toEqual([
      `ACME|1h|${T0}`,
      `ACME|1m|${T0}`,
      `GLOBX|1h|${T0}`,
      `GLOBX|1m|${T0}`,
      `GLOBX|5m|${T0}`,
    ]);
    expect(skipped.map((c) => `${c.symbol}|${c.interval}`)).toEqual(['ACME|5m']);
    expect(errors).toEqual([]);

    for (let i = 1; i <= 3; i++) {
      now.t = T0 + i * 500;
      engine.tick('demo');
      calls = 0;
      await recorder.flush();
      expect(calls, 'the skipped row is not tried again: one batch per flush').toBe(1);
      expect(store.rows.get(`GLOBX|1m|${T0}`)!.ticks).toBe(i + 1);
      expect(store.rows.get(`ACME|1m|${T0}`)!.ticks).toBe(i + 1);
    }
    expect(skipped).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('continues the candles in progress after a restart instead of overwriting them', async () => {
    const store = memoryStore([
      { symbol: 'ACME', interval: '1m', start: T0, open: 14000, high: 14600, low: 13900, close: 14250, ticks: 40 },
    ]);
    const { engine, recorder } = setup(store, { t: T0 + 30_000 });
    await recorder.restore();
    recorder.start();
    engine.loadFeed(feed);
    await recorder.flush();
    expect(store.rows.get(`ACME|1m|${T0}`)).toMatchObject({
      open: 14000,
      high: 14600,
      low: 13900,
      close: 14250,
      ticks: 41,
    });
  });
});
