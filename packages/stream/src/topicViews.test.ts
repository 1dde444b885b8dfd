import { describe, expect, it } from 'vitest';
import { addEvent as row } from '@quoteline/protocol/testing';
import { TopicViews } from './topicViews';

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
