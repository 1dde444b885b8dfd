import { ADMIN_CONNECTIONS_TOPIC, STATS_TOP_CONSUMERS, STATS_TOP_TOPICS, type StatsEvent } from '@quoteline/protocol';
import type { EventLog } from './eventLog';
import type { ConsumerLoad, HubStats } from './hub';

/** The hub's cumulative counters at one moment; rates are the difference of two readings. */
export interface StatsReading {
  at: number;
  delivered: number;
  bytes: number;
}

/** Everything one sample is computed from; pure, so tests give every part. */
export interface SampleInput {
  instance: string;
  intervalMs: number;
  now: number;
  stats: HubStats;
  consumers: Iterable<ConsumerLoad>;
  /** The previous sample's reading; null for the first sample (rates 0). */
  previous: StatsReading | null;
  /** Names the kind of a stream's opener (`anonymous`, `trader`, `admin`, `embed`); the hub does not know principals. */
  describe(principal: unknown): string;
}

/** Per-second rate of a counter between two readings; 0 when time did not pass or the counter went back. */
export function ratePerSecond(before: number, after: number, elapsedMs: number): number {
  if (elapsedMs <= 0 || after <= before) return 0;
  return ((after - before) * 1000) / elapsedMs;
}

/**
 * The first `n` items in `compare` order (negative: `a` ranks first), without
 * sorting them all: O(items × n), cheap for the few places a sample lists.
 */
export function topN<T>(items: Iterable<T>, n: number, compare: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  if (n <= 0) return top;
  for (const item of items) {
    if (top.length === n && compare(item, top[n - 1]!) >= 0) continue;
    let at = top.length;
    while (at > 0 && compare(item, top[at - 1]!) < 0) at--;
    top.splice(at, 0, item);
    if (top.length > n) top.pop();
  }
  return top;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/** One `stats` sample of an instance's streams, and the reading the next sample measures its rates from. */
export function buildStatsSample(input: SampleInput): { event: StatsEvent; reading: StatsReading } {
  const { stats, now, previous } = input;
  const reading: StatsReading = { at: now, delivered: stats.delivered, bytes: stats.bytes };
  const elapsed = previous ? now - previous.at : 0;
  const topics = topN(
    Object.entries(stats.topics),
    STATS_TOP_TOPICS,
    ([ta, a], [tb, b]) => b - a || (ta < tb ? -1 : ta > tb ? 1 : 0),
  );
  // Most unsent bytes first; an equal backlog that has waited longer ranks first.
  const slowest = topN(
    input.consumers,
    STATS_TOP_CONSUMERS,
    (a, b) => b.pendingBytes - a.pendingBytes || b.lagMs - a.lagMs,
  );
  const event: StatsEvent = {
    topic: ADMIN_CONNECTIONS_TOPIC,
    instance: input.instance,
    ts: now,
    intervalMs: input.intervalMs,
    streams: stats.connections,
    opened: stats.opened,
    topicCount: Object.keys(stats.topics).length,
    topics: topics.map(([topic, streams]) => ({ topic, streams })),
    eventsPerSecond: round(previous ? ratePerSecond(previous.delivered, stats.delivered, elapsed) : 0, 1),
    bytesPerSecond: Math.round(previous ? ratePerSecond(previous.bytes, stats.bytes, elapsed) : 0),
    conflated: stats.conflated,
    dropped: stats.dropped,
    slowConsumers: stats.closed.slow_consumer ?? 0,
    slowest: slowest.map((c) => ({
      connectionId: c.id,
      principal: input.describe(c.principal),
      topics: c.topics,
      pendingBytes: c.pendingBytes,
      lagMs: Math.round(c.lagMs),
    })),
  };
  return { event, reading };
}

/** What the publisher reads: the hub's counters and its streams' backlogs. */
export interface StatsSource {
  stats(): HubStats;
  consumers(): Iterable<ConsumerLoad>;
}

/** Options of the periodic stats publisher. */
export interface StatsPublisherOptions {
  source: StatsSource;
  log: Pick<EventLog, 'append'>;
  instance: string;
  intervalMs: number;
  describe(principal: unknown): string;
  now?: () => number;
}

/**
 * Appends a `stats` sample of this instance to the log every `intervalMs`,
 * whether or not anyone watches: with a shared log, the admins reading it may
 * sit on another instance. Returns the stop function.
 */
export function publishConnectionStats(options: StatsPublisherOptions): () => void {
  const now = options.now ?? Date.now;
  let previous: StatsReading | null = null;
  const timer = setInterval(() => {
    const { event, reading } = buildStatsSample({
      instance: options.instance,
      intervalMs: options.intervalMs,
      now: now(),
      stats: options.source.stats(),
      consumers: options.source.consumers(),
      previous,
      describe: options.describe,
    });
    previous = reading;
    options.log
      .append({ topic: event.topic, type: 'stats', data: event })
      .catch((error: unknown) => console.error('quoteline: appending stats failed', error));
  }, options.intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}
