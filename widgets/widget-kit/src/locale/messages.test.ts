import { describe, expect, it } from 'vitest';
import { MESSAGES, messagesFor } from './messages';
import { resolveLocale } from './resolveLocale';
import { widgetLocale } from './widgetLocale';

/** Every key path of a message table, functions called with a sample, so both tables can be compared. */
function shape(value: unknown): unknown {
  if (typeof value === 'function') return typeof (value as (s: string) => unknown)('X');
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

describe('messagesFor', () => {
  it('chooses the table by the language of the locale', () => {
    expect(messagesFor('de-DE')).toBe(MESSAGES.de);
    expect(messagesFor('de-AT')).toBe(MESSAGES.de);
    expect(messagesFor('en-GB')).toBe(MESSAGES.en);
    expect(messagesFor('fr-FR')).toBe(MESSAGES.en);
  });

  it('has a German word for every English one', () => {
    expect(shape(MESSAGES.de)).toEqual(shape(MESSAGES.en));
    expect(MESSAGES.de.status.reconnecting).toBe('Verbinde neu…');
    expect(MESSAGES.de.problem.unknownTopic('x').title).toBe('Kein Feed „x“');
  });
});

describe('resolveLocale', () => {
  it('canonicalises tags and falls back to en-US on absent or invalid ones', () => {
    expect(resolveLocale('de-de')).toBe('de-DE');
    expect(resolveLocale(' de-DE ')).toBe('de-DE');
    expect(resolveLocale(undefined)).toBe('en-US');
    expect(resolveLocale('')).toBe('en-US');
    expect(resolveLocale('not a locale!')).toBe('en-US');
  });
});

describe('widgetLocale', () => {
  it('pairs the formatters and words of one locale', () => {
    const de = widgetLocale('de-DE');
    expect(de.locale).toBe('de-DE');
    expect(de.format.price(1234.56, 2)).toBe('1.234,56');
    expect(de.t.columns.last).toBe('Letzter');
    expect(widgetLocale('xx invalid').locale).toBe('en-US');
  });
});
