import { describe, expect, it } from 'vitest';
import type { QuoteRow } from '@quoteline/client';
import { quoteRow } from '@quoteline/client/testing';
import { boardSummary, nextSort, sortSymbols } from './sorting';

const row = (symbol: string, price: number, open: number): QuoteRow =>
  quoteRow(symbol, price, { topic: 'feed:d', open });
const rows = { B: row('B', 10, 10), A: row('A', 20, 19), C: row('C', 5, 6) };

describe('quote board sorting', () => {
  it('cycles ascending → descending → feed order', () => {
    const s1 = nextSort(null, 'last');
    expect(s1).toEqual({ column: 'last', direction: 'ascending' });
    const s2 = nextSort(s1, 'last');
    expect(nextSort(s2, 'last')).toBeNull();
    expect(nextSort(s2, 'symbol')).toEqual({ column: 'symbol', direction: 'ascending' });
  });

  it('sorts by text and by number, keeping the feed order when unsorted', () => {
    expect(sortSymbols(['B', 'A', 'C'], rows, null)).toEqual(['B', 'A', 'C']);
    expect(sortSymbols(['B', 'A', 'C'], rows, { column: 'symbol', direction: 'ascending' })).toEqual(['A', 'B', 'C']);
    expect(sortSymbols(['B', 'A', 'C'], rows, { column: 'last', direction: 'descending' })).toEqual(['A', 'B', 'C']);
    expect(sortSymbols(['B', 'A', 'C'], rows, { column: 'changePercent', direction: 'ascending' })).toEqual([
      'C',
      'B',
      'A',
    ]);
  });

  it('summarises the biggest mover in words', () => {
    expect(boardSummary(['B', 'A', 'C'], rows)).toBe('Biggest move: C at 5.00, down 16.67 percent.');
  });
});
