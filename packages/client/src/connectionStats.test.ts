import { describe, expect, it } from 'vitest';
import type { StatsEvent, StreamEvent } from '@quoteline/protocol';
import { applyStatsEvents, EMPTY_CONNECTION_STATS, liveInstances, statsTotals } from './connectionStats';

const sample = (instance: string, streams: number, patch: Partial<StatsEvent> = {}): StatsEvent => ({
  topic: 'admin:connections',
  instance,
  ts: 0,
  intervalMs: 1000,
  streams,
  opened: streams,
  topicCount: 1,
  topics: [{ topic: 'feed:demo', streams }],
  eventsPerSecond: 10 * streams,
  bytesPerSecond: 1000 * streams,
  conflated: 1,
  dropped: 2,
  slowConsumers: 0,
  slowest: [],
  ...patch,
});
const stats = (s: StatsEvent): StreamEvent => ({ type: 'stats', data: s });

describe('connection stats merge', () => {
  it('keeps the latest sample per instance: instances on one shared log never replace each other', () => {
    let state = applyStatsEvents(EMPTY_CONNECTION_STATS, [stats(sample('web-2', 5)), stats(sample('web-1', 1))], 1000);
    state = applyStatsEvents(state, [stats(sample('web-1', 3))], 2000);
    expect(liveInstances(state, 2000).map((s) => [s.instance, s.streams])).toEqual([
      ['web-1', 3],
      ['web-2', 5],
    ]);
    expect(statsTotals(liveInstances(state, 2000))).toEqual({
      instances: 2,
      streams: 8,
      eventsPerSecond: 80,
      bytesPerSecond: 8000,
      conflated: 2,
      dropped: 4,
    });
  });

  it('drops an instance not heard from for three intervals (at least 5 s), by the browser clock', () => {
    let state = applyStatsEvents(
      EMPTY_CONNECTION_STATS,
      [stats(sample('web-1', 1)), stats(sample('slow', 1, { intervalMs: 4000 }))],
      0,
    );
    state = applyStatsEvents(state, [stats(sample('web-2', 2, { ts: 999_999_999 }))], 4000); // its own clock is far off: irrelevant
    expect(liveInstances(state, 5000).map((s) => s.instance)).toEqual(['slow', 'web-1', 'web-2']);
    expect(liveInstances(state, 5001).map((s) => s.instance)).toEqual(['slow', 'web-2']);
    expect(liveInstances(state, 9001).map((s) => s.instance)).toEqual(['slow']);
    expect(liveInstances(state, 12_001)).toEqual([]);
  });

  it('marks the topic subscribed on ready and forgets every instance on reset', () => {
    let state = applyStatsEvents(
      EMPTY_CONNECTION_STATS,
      [
        {
          type: 'ready',
          data: { connectionId: 'c', token: 't'.repeat(16), instance: 'i', protocol: 1, topics: ['admin:connections'] },
        },
      ],
      0,
    );
    expect(state.subscribed).toBe(true);
    state = applyStatsEvents(
      state,
      [stats(sample('web-1', 1)), { type: 'reset', data: { reason: 'epoch_changed' } }],
      0,
    );
    expect(state).toEqual({ subscribed: true, instances: {} });
    expect(
      applyStatsEvents(
        state,
        [{ type: 'update', data: { topic: 'feed:d', symbol: 'A', price: 1, bid: 1, ask: 1, ts: 1 } }],
        0,
      ),
    ).toBe(state);
  });
});
