/** Numbers, percentages, dates and times of one locale, with Intl; one cached set per locale. */
export interface LocaleFormatters {
  locale: string;
  /** a price with the instrument's decimals, e.g. 1,234.50 (en-US) or 1.234,50 (de-DE) */
  price(value: number, decimals: number): string;
  /** a signed change, e.g. +1.25 or −0.40 */
  change(value: number, decimals: number): string;
  /** a signed percentage with two decimals in the locale's own style, e.g. +0.87% or +0,87 % */
  percent(value: number): string;
  /** cents as money with two decimals, e.g. 12,345.67 */
  cents(cents: number): string;
  /** cents as a signed amount, e.g. +12.50 */
  signedCents(cents: number): string;
  /** a time of day, 24-hour HH:MM:SS in the reader's zone */
  time(ts: number): string;
  /** a date and time, e.g. 7 Dec 2026, 13:05 */
  dateTime(ts: number): string;
}

const cache = new Map<string, LocaleFormatters>();

/** The formatters of `locale` (a tag Intl accepts; see resolveLocale). */
export function localeFormatters(locale: string): LocaleFormatters {
  let formatters = cache.get(locale);
  if (!formatters) {
    formatters = build(locale);
    cache.set(locale, formatters);
  }
  return formatters;
}

function build(locale: string): LocaleFormatters {
  const numbers = new Map<string, Intl.NumberFormat>();
  const number = (decimals: number, signed: boolean, style: 'decimal' | 'percent' = 'decimal') => {
    const key = `${decimals}:${signed}:${style}`;
    let format = numbers.get(key);
    if (!format) {
      format = new Intl.NumberFormat(locale, {
        style,
        minimumFractionDigits: decimals,
        maximumFractionDigits: decimals,
        signDisplay: signed ? 'exceptZero' : 'auto',
      });
      numbers.set(key, format);
    }
    return format;
  };
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  return {
    locale,
    price: (value, decimals) => number(decimals, false).format(value),
    change: (value, decimals) => number(decimals, true).format(value),
    percent: (value) => number(2, true, 'percent').format(value / 100),
    cents: (cents) => number(2, false).format(cents / 100),
    signedCents: (cents) => number(2, true).format(cents / 100),
    time: (ts) => time.format(ts),
    dateTime: (ts) => dateTime.format(ts),
  };
}
