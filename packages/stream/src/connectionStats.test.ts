import { afterEach, describe, expect, it, vi } from 'vitest';
import { statsEventSchema } from '@quoteline/protocol';
import { buildStatsSample, publishConnectionStats, ratePerSecond, topN, type SampleInput } from './connectionStats';
import type { ConsumerLoad, HubStats } from './hub';
import type { LogInput } from './eventLog';

const hubStats = (patch: Partial<HubStats> = {}): HubStats => ({
  connections: 0,
  opened: 0,
  topics: {},
  delivered: 0,
  bytes: 0,
  conflated: 0,
  dropped: 0,
  maxPendingBytes: 0,
  closed: {},
  ...patch,
});

const input = (patch: Partial<SampleInput> = {}): SampleInput => ({
  instance: 'web-1',
  intervalMs: 1000,
  now: 10_000,
  stats: hubStats(),
  consumers: [],
  previous: null,
  describe: (p) => (p === null ? 'anonymous' : String(p)),
  ...patch,
});

describe('ratePerSecond', () => {
  it('divides the counter difference by the elapsed seconds', () => {
    expect(ratePerSecond(100, 400, 1500)).toBe(200);
  });

  it('is 0 when no time passed or the counter did not grow', () => {
    expect(ratePerSecond(100, 400, 0)).toBe(0);
    expect(ratePerSecond(400, 100, 1000)).toBe(0);
    expect(ratePerSecond(5, 5, 1000)).toBe(0);
  });
});

describe('topN', () => {
  const desc = (a: number, b: number) => b - a;

  it('returns the n best in order without sorting everything', () => {
    expect(topN([5, 1, 9, 3, 7, 9, 2], 3, desc)).toEqual([9, 9, 7]);
    expect(topN([2, 1], 5, desc)).toEqual([2, 1]);
    expect(topN([1, 2, 3], 0, desc)).toEqual([]);
  });

  it('agrees with a full sort on random input (ties keep input order)', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ i, v: (i * 7919) % 23 }));
    const compare = (a: { v: number }, b: { v: number }) => b.v - a.v;
    expect(topN(items, 5, compare)).toEqual([...items].sort(compare).slice(0, 5));
  });
});

describe('buildStatsSample', () => {
  it('reports counts, top topics and the slowest consumers, valid against the protocol schema', () => {
    const topics: Record<string, number> = { 'feed:demo': 40, 'feed:fx': 3, 'admin:connections': 1 };
    for (let i = 0; i < 12; i++) topics[`feed:f${String(i).padStart(2, '0')}`] = 2;
    const consumers: ConsumerLoad[] = Array.from({ length: 8 }, (_, i) => ({
      id: `c${i}`,
      principal: i % 2 ? 'trader' : null,
      topics: 1 + i,
      pendingBytes: i === 3 ? 5000 : i * 10,
      lagMs: i * 1.4,
    }));
    const { event } = buildStatsSample(
      input({
        stats: hubStats({
          connections: 44,
          opened: 50,
          topics,
          conflated: 7,
          dropped: 12,
          closed: { slow_consumer: 2, client_closed: 4 },
        }),
        consumers,
      }),
    );
    expect(statsEventSchema.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      topic: 'admin:connections',
      instance: 'web-1',
      ts: 10_000,
      intervalMs: 1000,
      streams: 44,
      opened: 50,
      topicCount: 15,
      conflated: 7,
      dropped: 12,
      slowConsumers: 2,
    });
    expect(event.topics).toHaveLength(10);
    // Most streams first; equal counts by name.
    expect(event.topics.slice(0, 4)).toEqual([
      { topic: 'feed:demo', streams: 40 },
      { topic: 'feed:fx', streams: 3 },
      { topic: 'feed:f00', streams: 2 },
      { topic: 'feed:f01', streams: 2 },
    ]);
    expect(event.slowest.map((c) => [c.connectionId, c.pendingBytes])).toEqual([
      ['c3', 5000],
      ['c7', 70],
      ['c6', 60],
      ['c5', 50],
      ['c4', 40],
    ]);
    expect(event.slowest[0]).toEqual({
      connectionId: 'c3',
      principal: 'trader',
      topics: 4,
      pendingBytes: 5000,
      lagMs: 4,
    });
    expect(event.slowest[4]!.principal).toBe('anonymous');
  });

  it('measures events/s and bytes/s since the previous reading; the first sample has no rates', () => {
    const first = buildStatsSample(input({ now: 1000, stats: hubStats({ delivered: 500, bytes: 80_000 }) }));
    expect(first.event).toMatchObject({ eventsPerSecond: 0, bytesPerSecond: 0 });
    expect(first.reading).toEqual({ at: 1000, delivered: 500, bytes: 80_000 });
    const second = buildStatsSample(
      input({ now: 3000, stats: hubStats({ delivered: 801, bytes: 130_001 }), previous: first.reading }),
    );
    expect(second.event).toMatchObject({ eventsPerSecond: 150.5, bytesPerSecond: 25_001 });
  });
});

describe('publishConnectionStats', () => {
  afterEach(() => vi.useRealTimers());

  it('appends one sample per interval to the log, with rates between consecutive samples, until stopped', async () => {
    vi.useFakeTimers();
    let now = 0;
    let delivered = 0;
    const appended: LogInput[] = [];
    const stop = publishConnectionStats({
      source: { stats: () => hubStats({ connections: 2, delivered }), consumers: () => [] },
      log: {
        append: (e) => (
          appended.push(e),
          Promise.resolve({ ...e, id: 'x', frame: new Uint8Array(), conflationKey: null })
        ),
      },
      instance: 'web-9',
      intervalMs: 1000,
      describe: () => 'anonymous',
      now: () => now,
    });
    for (let i = 1; i <= 3; i++) {
      now = i * 1000;
      delivered = i * 250;
      await vi.advanceTimersByTimeAsync(1000);
    }
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    const samples = appended.flatMap((e) => (e.type === 'stats' ? [e.data] : []));
    expect(appended.map((e) => [e.topic, e.type])).toEqual(Array(3).fill(['admin:connections', 'stats']));
    expect(samples.map((s) => [s.topic, 'stats', s.instance, s.eventsPerSecond, s.streams])).toEqual([
      ['admin:connections', 'stats', 'web-9', 0, 2],
      ['admin:connections', 'stats', 'web-9', 250, 2],
      ['admin:connections', 'stats', 'web-9', 250, 2],
    ]);
  });
});
