// Exact money: integer minor units (bigint for amounts, number for prices of
// one share, which stay far below 2^53), never binary floats in arithmetic.

/**
 * Parses a price given as a JSON number or a decimal string into minor units,
 * or null when it has more decimals than `scale` or is not a plain decimal.
 * Numbers are read through their shortest decimal text (142.57 → "142.57"), which is exact.
 */
export function parsePrice(value: number | string, scale: number): number | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  const m = /^(\d{1,12})(?:\.(\d{1,12}))?$/.exec(text);
  if (!m) return null;
  const fraction = m[2] ?? '';
  if (fraction.replace(/0+$/, '').length > scale) return null;
  const minor = Number(m[1]) * 10 ** scale + Number(fraction.padEnd(scale, '0').slice(0, scale) || '0');
  return Number.isSafeInteger(minor) ? minor : null;
}

/** Formats minor units as a decimal string with exactly `scale` decimals: 10000000n, 2 → "100000.00". */
export function formatMinor(value: bigint | number, scale: number): string {
  const v = BigInt(value);
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(scale + 1, '0');
  const whole = scale === 0 ? digits : digits.slice(0, -scale);
  const fraction = scale === 0 ? '' : `.${digits.slice(-scale)}`;
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Minor units of a wire price (a JSON number already rounded to `scale` decimals). */
export function wireToMinor(price: number, scale: number): number {
  return Math.round(price * 10 ** scale);
}
