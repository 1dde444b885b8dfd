import type { StatsEvent, StreamEvent } from '@quoteline/protocol';
import { statsStaleAfterMs } from '@quoteline/protocol/stats';

/** The latest sample of one app instance and when this browser received it (its own clock: server clocks may differ). */
export interface InstanceSample {
  sample: StatsEvent;
  receivedAt: number;
}

/** The admin's view of `admin:connections`: the latest sample per instance. */
export interface ConnectionStatsState {
  /** true once the stream carries the topic (before that: still connecting) */
  subscribed: boolean;
  instances: Record<string, InstanceSample>;
}

/** Nothing received yet. */
export const EMPTY_CONNECTION_STATS: ConnectionStatsState = { subscribed: false, instances: {} };

/**
 * Folds `admin:connections` events at time `now`: each `stats` sample replaces
 * its instance's previous one (instances sharing one log never overwrite each
 * other); `reset` forgets every instance; `ready` marks the topic subscribed.
 */
export function applyStatsEvents(
  state: ConnectionStatsState,
  events: readonly StreamEvent[],
  now: number,
): ConnectionStatsState {
  let next = state;
  for (const event of events) {
    if (event.type === 'ready') {
      if (!next.subscribed) next = { ...next, subscribed: true };
    } else if (event.type === 'reset') {
      next = { ...next, instances: {} };
    } else if (event.type === 'stats') {
      next = {
        ...next,
        instances: { ...next.instances, [event.data.instance]: { sample: event.data, receivedAt: now } },
      };
    }
  }
  return next;
}

/** True when an instance has not been heard from for three of its sampling intervals (at least 5 s): it stopped or died. */
export function isStale(entry: InstanceSample, now: number): boolean {
  return now - entry.receivedAt > statsStaleAfterMs(entry.sample.intervalMs);
}

/** The samples of every instance still heard from, by instance name. */
export function liveInstances(state: ConnectionStatsState, now: number): StatsEvent[] {
  return Object.values(state.instances)
    .filter((entry) => !isStale(entry, now))
    .map((entry) => entry.sample)
    .sort((a, b) => (a.instance < b.instance ? -1 : a.instance > b.instance ? 1 : 0));
}

/** Sums over instances, for a one-line overview. */
export interface StatsTotals {
  instances: number;
  streams: number;
  eventsPerSecond: number;
  bytesPerSecond: number;
  conflated: number;
  dropped: number;
}

/** Adds up the live instances' samples. */
export function statsTotals(samples: readonly StatsEvent[]): StatsTotals {
  const totals: StatsTotals = {
    instances: samples.length,
    streams: 0,
    eventsPerSecond: 0,
    bytesPerSecond: 0,
    conflated: 0,
    dropped: 0,
  };
  for (const s of samples) {
    totals.streams += s.streams;
    totals.eventsPerSecond += s.eventsPerSecond;
    totals.bytesPerSecond += s.bytesPerSecond;
    totals.conflated += s.conflated;
    totals.dropped += s.dropped;
  }
  return totals;
}
