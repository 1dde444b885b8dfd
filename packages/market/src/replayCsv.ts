import { MAX_PRICE } from '@quoteline/protocol';

/** One row of a replay file, prices in minor units, `at` in ms since the epoch. */
export interface ReplayRow {
  line: number;
  at: number;
  symbol: string;
  price: number;
  bid?: number;
  ask?: number;
}

/** A row that could not be read, with its 1-based line number. */
export interface ReplayError {
  line: number;
  message: string;
}

const SYMBOL = /^[A-Z0-9][A-Z0-9.-]{0,11}$/;

function minor(text: string, scale: number): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,8}))?$/.exec(text.trim());
  if (!m || (m[2] ?? '').replace(/0+$/, '').length > scale) return null;
  return Number(m[1]) * 10 ** scale + Number((m[2] ?? '').padEnd(scale, '0').slice(0, scale) || '0');
}

function time(text: string): number | null {
  const t = text.trim();
  if (/^\d{10,13}$/.test(t)) return t.length === 10 ? Number(t) * 1000 : Number(t);
  const parsed = Date.parse(t);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Prices are stored as integers; PostgreSQL's `integer` ends at 2^31 − 1. */
const MAX_STORED_MINOR = 2_147_483_647;

/**
 * Reads `timestamp,symbol,price[,bid,ask]` rows (a header line is skipped;
 * timestamps are ISO 8601 or Unix seconds/ms), row by row: every bad row is
 * reported with its line number; callers use the rows only when there are no errors.
 */
export function parseReplayCsv(
  text: string,
  scaleOf: number | ((symbol: string) => number) = 2,
  maxRows = 100_000,
): { rows: ReplayRow[]; errors: ReplayError[] } {
  const rows: ReplayRow[] = [];
  const errors: ReplayError[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || (line === 1 && /^\s*timestamp\s*,/i.test(raw))) return;
    if (rows.length + errors.length >= maxRows) {
      if (errors.at(-1)?.message !== 'too many rows')
        errors.push({ line, message: `too many rows (at most ${maxRows})` });
      return;
    }
    const cells = raw.split(',');
    if (cells.length !== 3 && cells.length !== 5)
      return errors.push({ line, message: 'expected timestamp,symbol,price or timestamp,symbol,price,bid,ask' });
    const at = time(cells[0]!);
    const symbol = cells[1]!.trim();
    const scale = typeof scaleOf === 'number' ? scaleOf : scaleOf(symbol);
    const price = minor(cells[2]!, scale);
    const bid = cells.length === 5 ? minor(cells[3]!, scale) : undefined;
    const ask = cells.length === 5 ? minor(cells[4]!, scale) : undefined;
    if (at === null) return errors.push({ line, message: `"${cells[0]!.trim()}" is not a timestamp` });
    if (!SYMBOL.test(symbol)) return errors.push({ line, message: `"${symbol}" is not a symbol` });
    if (price === null || price <= 0)
      return errors.push({
        line,
        message: `"${cells[2]!.trim()}" is not a positive price with at most ${scale} decimals`,
      });
    if (bid === null || ask === null) return errors.push({ line, message: 'bid and ask must be prices' });
    if (Math.max(price, bid ?? 0, ask ?? 0) > Math.min(MAX_PRICE * 10 ** scale, MAX_STORED_MINOR))
      return errors.push({ line, message: 'a price is at most 10,000,000' });
    if (bid !== undefined && ask !== undefined && !(bid < ask))
      return errors.push({ line, message: 'bid must be below ask' });
    if (rows.length && at < rows.at(-1)!.at) return errors.push({ line, message: 'timestamps must not go backwards' });
    rows.push({ line, at, symbol, price, ...(bid !== undefined ? { bid, ask } : {}) });
  });
  return { rows, errors };
}
