import type { QuoteRow } from '@quoteline/client';
import { quoteChange } from '@quoteline/widget-kit';
import type { QuoteBoardColumn } from './config';

/** How the board is sorted: by a column, up or down; null keeps the feed's own order. */
export type SortState = { column: QuoteBoardColumn; direction: 'ascending' | 'descending' } | null;

const KEYS: Record<QuoteBoardColumn, (row: QuoteRow) => number | string> = {
  symbol: (r) => r.symbol,
  name: (r) => r.name,
  last: (r) => r.price,
  change: (r) => quoteChange(r.price, r.open, r.decimals).change,
  changePercent: (r) => quoteChange(r.price, r.open, r.decimals).percent,
  bid: (r) => r.bid,
  ask: (r) => r.ask,
  time: (r) => r.ts,
};

/** The symbols in display order. */
export function sortSymbols(
  symbols: readonly string[],
  rows: Readonly<Record<string, QuoteRow>>,
  sort: SortState,
): readonly string[] {
  if (!sort) return symbols;
  const key = KEYS[sort.column];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...symbols].sort((a, b) => {
    const x = key(rows[a]!);
    const y = key(rows[b]!);
    return sign * (typeof x === 'string' ? x.localeCompare(y as string) : x - (y as number)) || a.localeCompare(b);
  });
}

/** The next sort after a click on `column`: ascending, then descending, then the feed's order. */
export function nextSort(current: SortState, column: QuoteBoardColumn): SortState {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}

/** One sentence for screen readers: the biggest mover of the board, spoken rarely. */
export function boardSummary(symbols: readonly string[], rows: Readonly<Record<string, QuoteRow>>): string {
  let best: { symbol: string; percent: number } | null = null;
  for (const s of symbols) {
    const row = rows[s]!;
    const { percent } = quoteChange(row.price, row.open, row.decimals);
    if (!best || Math.abs(percent) > Math.abs(best.percent)) best = { symbol: s, percent };
  }
  if (!best) return '';
  const row = rows[best.symbol]!;
  const word = best.percent > 0 ? 'up' : best.percent < 0 ? 'down' : 'unchanged';
  return `Biggest move: ${best.symbol} at ${row.price.toFixed(row.decimals)}, ${word} ${Math.abs(best.percent).toFixed(2)} percent.`;
}
