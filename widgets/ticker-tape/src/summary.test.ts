import { describe, expect, it } from 'vitest';
import type { FeedState, QuoteRow } from '@quoteline/client';
import { quoteRow } from '@quoteline/client/testing';
import { movedMuch, tapeRows, tapeSummary } from './summary';
import { tickerTapeConfigSchema } from './config';

const row = (symbol: string, price: number, open = 100): QuoteRow => quoteRow(symbol, price, { open, ts: 0 });
const feed = (...rows: QuoteRow[]): FeedState => ({
  symbols: rows.map((r) => r.symbol),
  rows: Object.fromEntries(rows.map((r) => [r.symbol, r])),
  status: 'running',
  problem: null,
});

describe('ticker tape config', () => {
  it('takes symbols as a comma list or an array, trimmed and de-duplicated', () => {
    expect(tickerTapeConfigSchema.parse({ symbols: ' ACME, GLOBX,,ACME ' }).symbols).toEqual(['ACME', 'GLOBX']);
    expect(tickerTapeConfigSchema.parse({ symbols: ['INIT'] }).symbols).toEqual(['INIT']);
    expect(tickerTapeConfigSchema.parse({})).toEqual({ feed: 'demo', speed: 60, title: 'Ticker tape' });
    expect(tickerTapeConfigSchema.safeParse({ symbols: 'acme' }).success).toBe(false);
    expect(tickerTapeConfigSchema.safeParse({ speed: 0 }).success).toBe(false);
    expect(tickerTapeConfigSchema.parse({ speed: '120' }).speed).toBe(120);
  });
});

describe('tape rows', () => {
  it('keeps the configured order and skips symbols the feed lacks', () => {
    const f = feed(row('ACME', 1), row('GLOBX', 2), row('INIT', 3));
    expect(tapeRows(f, ['INIT', 'NOPE', 'ACME']).map((r) => r.symbol)).toEqual(['INIT', 'ACME']);
    expect(tapeRows(f, undefined)).toHaveLength(3);
    expect(tapeRows(undefined, undefined)).toEqual([]);
  });
});

describe('tape summary', () => {
  it('counts directions and names the biggest gain and fall', () => {
    expect(tapeSummary([row('ACME', 101), row('GLOBX', 97), row('INIT', 100), row('UMBR', 100.5)])).toBe(
      '4 instruments: 2 up, 1 down, 1 unchanged since the open. Biggest gain ACME +1.00 %. Biggest fall GLOBX −3.00 %.',
    );
    expect(tapeSummary([row('ACME', 100)])).toBe('1 instrument: 0 up, 0 down, 1 unchanged since the open.');
    expect(tapeSummary([])).toBe('');
  });

  it('asks to announce at once when the instruments change: a snapshot still arriving, an add or a remove', () => {
    const part = feed(row('ACME', 100));
    const whole = feed(row('ACME', 100), row('GLOBX', 50));
    expect(movedMuch(part, whole)).toBe(true);
    expect(movedMuch(whole, part)).toBe(true);
    expect(movedMuch(whole, feed(row('ACME', 100), row('INIT', 50)))).toBe(true);
    expect(movedMuch(whole, feed(row('ACME', 100.1), row('GLOBX', 50)))).toBe(false);
  });

  it('asks to announce at once only for the first data, changed instruments or a large move', () => {
    const before = feed(row('ACME', 100), row('GLOBX', 50));
    expect(movedMuch(undefined, before)).toBe(true);
    expect(movedMuch(before, feed(row('ACME', 100.5), row('GLOBX', 50.2)))).toBe(false);
    expect(movedMuch(before, feed(row('ACME', 100.5), row('GLOBX', 50.5)))).toBe(true);
    expect(movedMuch(before, feed(row('ACME', 98.9), row('GLOBX', 50)))).toBe(true);
    expect(movedMuch(before, undefined)).toBe(false);
  });
});
