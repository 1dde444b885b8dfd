import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '@quoteline/protocol';
import { applyFeedEvents, EMPTY_FEED } from './feedState';

const add = (symbol: string, price: number): StreamEvent => ({
  type: 'add',
  data: { topic: 'feed:d', symbol, name: symbol, price, bid: price, ask: price, open: price, decimals: 2, ts: 1 },
});
const update = (symbol: string, price: number): StreamEvent => ({
  type: 'update',
  data: { topic: 'feed:d', symbol, price, bid: price, ask: price, ts: 2 },
});

describe('applyFeedEvents', () => {
  it('adds rows in order, updates prices keeping the previous, removes rows, resets', () => {
    let s = applyFeedEvents(EMPTY_FEED, [add('B', 1), add('A', 2), update('B', 3)]);
    expect(s.symbols).toEqual(['B', 'A']);
    expect(s.rows.B).toMatchObject({ price: 3, previousPrice: 1 });
    s = applyFeedEvents(s, [{ type: 'remove', data: { topic: 'feed:d', symbol: 'B' } }]);
    expect(s.symbols).toEqual(['A']);
    expect(applyFeedEvents(s, [{ type: 'reset', data: { reason: 'unknown_id' } }])).toEqual({
      symbols: [],
      rows: {},
      status: 'running',
      problem: null,
    });
  });

  it('follows the feed status: paused by a status event, running again on resume or after a reset', () => {
    const status = (value: 'running' | 'paused'): StreamEvent => ({
      type: 'status',
      data: { topic: 'feed:d', status: value },
    });
    let s = applyFeedEvents(EMPTY_FEED, [add('A', 1), status('paused')]);
    expect(s.status).toBe('paused');
    expect(s.symbols).toEqual(['A']);
    const same = applyFeedEvents(s, [status('paused')]);
    expect(same).toBe(s); // nothing changed: no render
    s = applyFeedEvents(s, [status('running'), update('A', 2)]);
    expect(s).toMatchObject({ status: 'running', rows: { A: { price: 2 } } });
    s = applyFeedEvents(s, [status('paused'), { type: 'reset', data: { reason: 'epoch_changed' } }]);
    expect(s.status).toBe('running');
  });

  it('holds why the stream does not carry the feed, clearing its rows, until the feed is on a stream again', () => {
    let s = applyFeedEvents(EMPTY_FEED, [
      add('A', 1),
      { type: 'topic_closed', data: { topic: 'feed:d', reason: 'deleted', message: 'The feed "d" was deleted.' } },
    ]);
    expect(s).toEqual({
      symbols: [],
      rows: {},
      status: 'running',
      problem: { code: 'deleted', message: 'The feed "d" was deleted.' },
    });
    s = applyFeedEvents(EMPTY_FEED, [
      { type: 'topic_error', data: { topic: 'feed:d', code: 'unknown_topic', message: 'There is no feed "d".' } },
    ]);
    expect(s.problem).toEqual({ code: 'unknown_topic', message: 'There is no feed "d".' });
    const ready: StreamEvent = {
      type: 'ready',
      data: { connectionId: 'c', token: 't'.repeat(16), instance: 'i', protocol: 2, topics: ['feed:d'] },
    };
    s = applyFeedEvents(s, [ready, add('A', 1)]);
    expect(s).toMatchObject({ symbols: ['A'], problem: null });
    expect(applyFeedEvents(s, [ready])).toBe(s);
  });

  it('returns the same object when nothing changed, so React skips the render', () => {
    const s = applyFeedEvents(EMPTY_FEED, [add('A', 1)]);
    expect(applyFeedEvents(s, [update('ZZZ', 1)])).toBe(s);
  });
});
