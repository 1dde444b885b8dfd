import { localeFormatters } from './locale/formatters';

/** Cents of a decimal string or wire number with at most two decimals (display math only: exact for prices and cash). */
export function toCents(value: string | number): number {
  return Math.round(Number(value) * 100);
}

// The en-US forms; localised widgets use useWidgetLocale().format.cents.
const enUS = localeFormatters('en-US');

/** Cents as money, e.g. 1234567 → 12,345.67. */
export function formatCents(cents: number): string {
  return enUS.cents(cents);
}

/** Cents as a signed amount, e.g. +12.50 / −3.00. */
export function formatSignedCents(cents: number): string {
  return enUS.signedCents(cents);
}
