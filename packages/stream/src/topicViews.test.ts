import { describe, expect, it } from 'vitest';
import type { AddEvent } from '@quoteline/protocol';
import { TopicViews } from './topicViews';

const row = (symbol: string, price: number): AddEvent => ({
  topic: 'feed:demo',
  symbol,
  name: symbol,
  price,
  bid: price,
  ask: price,
  open: price,
  decimals: 2,
  ts: 1,
});

describe('TopicViews.seed', () => {
  it('adds the rows a topic lacks and keeps the ones the log already gave it', () => {
    const views = new TopicViews();
    views.seed('feed:demo', [row('ACME', 1)]);
    views.seed('feed:demo', [row('ACME', 2), row('GLOBX', 3)]);
    expect(views.snapshot('feed:demo').map((r) => [r.symbol, r.price])).toEqual([
      ['ACME', 1],
      ['GLOBX', 3],
    ]);
    expect(views.findSymbol('GLOBX')?.price).toBe(3);
  });
});
