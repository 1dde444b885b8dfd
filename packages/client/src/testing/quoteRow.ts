import { addEvent } from '@quoteline/protocol/testing';
import type { QuoteRow } from '../feedState';

/** A board row for widget tests: an `addEvent` with no previous price yet. */
export function quoteRow(symbol: string, price: number, fields: Partial<QuoteRow> = {}): QuoteRow {
  return { ...addEvent(symbol, price), previousPrice: null, ...fields };
}
