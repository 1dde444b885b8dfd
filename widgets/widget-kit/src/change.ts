import { directionOf, type Direction } from './format';

/** A quote's move since its reference open: exact in minor units, so 0.1 + 0.2 never shows as a change. */
export interface QuoteChange {
  change: number;
  percent: number;
  direction: Direction;
}

/** The change of `price` against `open`, both wire numbers quoted with `decimals`. */
export function quoteChange(price: number, open: number, decimals: number): QuoteChange {
  const scale = 10 ** decimals;
  const openMinor = Math.round(open * scale);
  const changeMinor = Math.round(price * scale) - openMinor;
  return {
    change: changeMinor / scale,
    percent: openMinor > 0 ? (changeMinor / openMinor) * 100 : 0,
    direction: directionOf(changeMinor),
  };
}
