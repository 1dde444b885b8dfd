import { localeFormatters } from './locale/formatters';

// The en-US forms, for widgets that do not take a locale yet; localised widgets use useWidgetLocale().
const enUS = localeFormatters('en-US');

/** A price with the instrument's decimals, e.g. 1,234.50. */
export function formatPrice(value: number, decimals: number): string {
  return enUS.price(value, decimals);
}

/** A signed change, e.g. +1.25 or −0.40. */
export function formatChange(value: number, decimals: number): string {
  return enUS.change(value, decimals);
}

/** A signed percentage with two decimals, e.g. +0.87%. */
export function formatPercent(value: number): string {
  return enUS.percent(value);
}

/** The time of a quote, HH:MM:SS in the reader's zone. */
export function formatTime(ts: number): string {
  return enUS.time(ts);
}

/** Direction of a change; shown with an arrow and a word, never by colour alone. */
export type Direction = 'up' | 'down' | 'flat';

/** The direction of a change. */
export function directionOf(change: number): Direction {
  return change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
}

const byteUnits = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

/** A byte count in binary units for people, e.g. 512 B, 12.3 KB, 4.0 MB. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < byteUnits.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${Math.round(value)} B` : `${value.toFixed(1)} ${byteUnits[unit]}`;
}
