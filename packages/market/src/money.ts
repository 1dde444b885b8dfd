/** Converts integer minor units to the JSON number sent on the wire (e.g. 14250, 2 → 142.5). */
export function toWirePrice(minor: number, decimals: number): number {
  return minor / 10 ** decimals;
}

/** Converts a wire price to integer minor units, or null when it is not on the tick grid. */
export function fromWirePrice(value: number, decimals: number, tickSize = 1): number | null {
  const minor = Math.round(value * 10 ** decimals);
  if (!Number.isSafeInteger(minor) || Math.abs(minor / 10 ** decimals - value) > 1e-9 * Math.max(1, Math.abs(value)))
    return null;
  return minor % tickSize === 0 ? minor : null;
}
