import { describe, expect, it } from 'vitest';
import { localeFormatters } from './formatters';

describe('localeFormatters', () => {
  it('formats prices, changes and money in German with a comma and dot groups', () => {
    const de = localeFormatters('de-DE');
    expect(de.price(1234.56, 2)).toBe('1.234,56');
    expect(de.price(12.5, 3)).toBe('12,500');
    expect(de.change(1.25, 2)).toBe('+1,25');
    expect(de.change(-0.4, 2)).toBe('-0,40');
    expect(de.change(0, 2)).toBe('0,00');
    expect(de.cents(1234567)).toBe('12.345,67');
    expect(de.signedCents(-300)).toBe('-3,00');
  });

  it('keeps the English forms for en-US', () => {
    const en = localeFormatters('en-US');
    expect(en.price(1234.56, 2)).toBe('1,234.56');
    expect(en.change(1.25, 2)).toBe('+1.25');
    expect(en.cents(1234567)).toBe('12,345.67');
  });

  it('formats percentages in the locale’s own style, two decimals, signed', () => {
    expect(localeFormatters('en-US').percent(0.87)).toBe('+0.87%');
    expect(localeFormatters('de-DE').percent(-12.345)).toBe('-12,35\u00a0%');
    expect(localeFormatters('de-DE').percent(0)).toBe('0,00\u00a0%');
  });

  it('shows times on a 24-hour clock and dates in the locale', () => {
    const ts = new Date(2026, 11, 7, 15, 4, 5).getTime();
    expect(localeFormatters('en-US').time(ts)).toBe('15:04:05');
    expect(localeFormatters('de-DE').time(ts)).toBe('15:04:05');
    expect(localeFormatters('de-DE').dateTime(ts)).toBe('07.12.2026, 15:04');
    expect(localeFormatters('en-US').dateTime(ts)).toBe('Dec 7, 2026, 15:04');
  });

  it('hands back the same cached formatters per locale', () => {
    expect(localeFormatters('de-DE')).toBe(localeFormatters('de-DE'));
  });
});
