import { describe, expect, it } from 'vitest';
import type { StreamEvent } from '@quoteline/protocol';
import type { TopicListener, TopicStream } from '../streamClient';
import { applyFeedEvents, EMPTY_FEED, type FeedState } from '../feedState';
import { TopicSubscriptions } from './topicSubscriptions';

function fakeStream() {
  const listeners = new Map<string, Set<TopicListener>>();
  const retried: string[] = [];
  const sights: string[] = [];
  const stream: TopicStream = {
    status: 'live',
    onStatus: () => () => undefined,
    subscribe(topic, listener) {
      if (!listeners.has(topic)) listeners.set(topic, new Set());
      listeners.get(topic)!.add(listener);
      return () => listeners.get(topic)!.delete(listener);
    },
    retry: (topic) => void retried.push(topic),
    setInSight: (topic, _listener, inSight) => void sights.push(`${topic} ${inSight ? 'in' : 'out'}`),
  };
  const send = (topic: string, event: StreamEvent) => listeners.get(topic)?.forEach((l) => l(event));
  return { stream, listeners, retried, sights, send };
}

describe('TopicSubscriptions', () => {
  it('folds each event once however many widgets read the topic, so the previous price survives', () => {
    const { stream, send } = fakeStream();
    let state: FeedState = EMPTY_FEED;
    const topics = new TopicSubscriptions(stream, (_topic, event) => (state = applyFeedEvents(state, [event])));
    topics.acquire('feed:d');
    topics.acquire('feed:d');
    send('feed:d', {
      type: 'add',
      data: { topic: 'feed:d', symbol: 'A', name: 'A', price: 1, bid: 1, ask: 1, open: 1, decimals: 2, ts: 1 },
    });
    send('feed:d', { type: 'update', data: { topic: 'feed:d', symbol: 'A', price: 2, bid: 2, ask: 2, ts: 2 } });
    expect(state.rows.A).toMatchObject({ price: 2, previousPrice: 1 });
  });

  it('subscribes on the first widget, lets go after the last, and asks again when another widget joins', () => {
    const { stream, listeners, retried } = fakeStream();
    const topics = new TopicSubscriptions(stream, () => undefined);
    const first = topics.acquire('feed:d');
    const second = topics.acquire('feed:d');
    expect(listeners.get('feed:d')!.size).toBe(1);
    expect(retried).toEqual(['feed:d']);
    first();
    first();
    expect(listeners.get('feed:d')!.size).toBe(1);
    second();
    expect(listeners.get('feed:d')!.size).toBe(0);
  });

  it('tells the stream a topic is out of sight only while every widget reading it is', () => {
    const { stream, sights } = fakeStream();
    const topics = new TopicSubscriptions(stream, () => undefined);
    topics.acquire('feed:d');
    const release = topics.acquire('feed:d');
    const showFirst = topics.hide('feed:d');
    expect(sights.at(-1)).toBe('feed:d in');
    const showSecond = topics.hide('feed:d');
    expect(sights.at(-1)).toBe('feed:d out');
    showFirst();
    expect(sights.at(-1)).toBe('feed:d in');
    showSecond();
    topics.hide('feed:d');
    release(); // the widget in sight leaves: only the hidden one reads it
    expect(sights.at(-1)).toBe('feed:d out');
  });
});
