// The price grid of one instrument: its decimals and the smallest step a
// price may move by, in minor units (10^-decimals).
import { formatMinor, parsePrice } from './money';

/** How an instrument is quoted: `decimals` after the point, prices in steps of `tickSize` minor units. */
export interface TickGrid {
  decimals: number;
  tickSize: number;
}

/**
 * Highest price in minor units any instrument may reach: prices are stored as
 * integers, and PostgreSQL's `integer` ends at 2^31 − 1.
 */
export const MAX_MINOR_PRICE = 2_147_483_647;

/** The tick size as a price, e.g. { decimals: 4, tickSize: 1 } → "0.0001". */
export function tickSizeText(grid: TickGrid): string {
  return formatMinor(grid.tickSize, grid.decimals);
}

/**
 * A positive price (JSON number or decimal string) in minor units when it is
 * on the grid and storable, else null. Exact: the text is read digit by digit.
 */
export function priceOnGrid(value: number | string, grid: TickGrid): number | null {
  const minor = parsePrice(value, grid.decimals);
  if (minor === null || minor <= 0 || minor > MAX_MINOR_PRICE || minor % grid.tickSize !== 0) return null;
  return minor;
}

/** Why a price is off the grid, in words a trader can act on. */
export function offGridMessage(what: string, grid: TickGrid): string {
  return `${what} must be a positive multiple of ${tickSizeText(grid)} (at most ${grid.decimals} decimals) and at most ${formatMinor(MAX_MINOR_PRICE - (MAX_MINOR_PRICE % grid.tickSize), grid.decimals)}.`;
}
