/** Cents of a decimal string or wire number with at most two decimals (display math only: exact for prices and cash). */
export function toCents(value: string | number): number {
  return Math.round(Number(value) * 100);
}

const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const signedMoneyFormat = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
  signDisplay: 'exceptZero',
});

/** Cents as money, e.g. 1234567 → 12,345.67. */
export function formatCents(cents: number): string {
  return moneyFormat.format(cents / 100);
}

/** Cents as a signed amount, e.g. +12.50 / −3.00. */
export function formatSignedCents(cents: number): string {
  return signedMoneyFormat.format(cents / 100);
}
