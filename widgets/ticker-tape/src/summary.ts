import type { FeedState, QuoteRow } from '@quoteline/client';
import { instrumentsChanged, quoteChange } from '@quoteline/widget-kit';

/** A move at least this large (percent of the last announced price) is announced without waiting. */
export const LARGE_MOVE_PERCENT = 1;

/** The rows a tape shows: the configured symbols in their order (those the feed has), else the whole feed. */
export function tapeRows(feed: FeedState | undefined, symbols: readonly string[] | undefined): QuoteRow[] {
  if (!feed) return [];
  return (symbols ?? feed.symbols).flatMap((s) => (feed.rows[s] ? [feed.rows[s]] : []));
}

const pct = (p: number) => `${p > 0 ? '+' : p < 0 ? '−' : ''}${Math.abs(p).toFixed(2)} %`;

/** A short spoken summary of the tape: how many are up and down, the biggest gain and fall since the open. */
export function tapeSummary(rows: readonly QuoteRow[]): string {
  if (rows.length === 0) return '';
  const moves = rows.map((r) => ({ symbol: r.symbol, ...quoteChange(r.price, r.open, r.decimals) }));
  const up = moves.filter((m) => m.direction === 'up').length;
  const down = moves.filter((m) => m.direction === 'down').length;
  const best = moves.reduce((a, b) => (b.percent > a.percent ? b : a));
  const worst = moves.reduce((a, b) => (b.percent < a.percent ? b : a));
  const parts = [
    `${rows.length} ${rows.length === 1 ? 'instrument' : 'instruments'}: ${up} up, ${down} down, ${rows.length - up - down} unchanged since the open.`,
  ];
  if (best.direction === 'up') parts.push(`Biggest gain ${best.symbol} ${pct(best.percent)}.`);
  if (worst.direction === 'down') parts.push(`Biggest fall ${worst.symbol} ${pct(worst.percent)}.`);
  return parts.join(' ');
}

/** True when the instruments changed since the announced state (the count spoken would be wrong) or any symbol moved by `LARGE_MOVE_PERCENT` or more since it. */
export function movedMuch(shown: FeedState | undefined, next: FeedState | undefined): boolean {
  if (instrumentsChanged(shown, next)) return true;
  if (!shown || !next) return false;
  return next.symbols.some((s) => {
    const before = shown.rows[s]?.price;
    const now = next.rows[s]?.price;
    return (
      before !== undefined &&
      now !== undefined &&
      before > 0 &&
      (Math.abs(now - before) / before) * 100 >= LARGE_MOVE_PERCENT
    );
  });
}
