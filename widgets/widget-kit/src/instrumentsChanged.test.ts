import { describe, expect, it } from 'vitest';
import type { FeedState } from '@quoteline/client';
import { quoteRow } from '@quoteline/client/testing';
import { instrumentsChanged } from './instrumentsChanged';

const feed = (...symbols: string[]): FeedState => ({
  symbols,
  rows: Object.fromEntries(symbols.map((symbol) => [symbol, quoteRow(symbol, 1, { ts: 0 })])),
  status: 'running',
  problem: null,
});

describe('instruments changed', () => {
  it('is true for the first data, a snapshot still arriving, an add, a remove or a swap', () => {
    expect(instrumentsChanged(undefined, feed('A'))).toBe(true);
    expect(instrumentsChanged(feed(), feed('A'))).toBe(true);
    expect(instrumentsChanged(feed('A'), feed('A', 'B'))).toBe(true);
    expect(instrumentsChanged(feed('A', 'B'), feed('A'))).toBe(true);
    expect(instrumentsChanged(feed('A', 'B'), feed('A', 'C'))).toBe(true);
  });

  it('is false when the same instruments only moved, or nothing is known', () => {
    expect(instrumentsChanged(feed('A', 'B'), feed('A', 'B'))).toBe(false);
    expect(instrumentsChanged(undefined, feed())).toBe(false);
    expect(instrumentsChanged(feed('A'), undefined)).toBe(false);
  });
});
