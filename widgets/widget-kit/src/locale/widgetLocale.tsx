'use client';
import { createContext, useContext, useSyncExternalStore } from 'react';
import { localeFormatters, type LocaleFormatters } from './formatters';
import { messagesFor, type Messages } from './messages';
import { browserLocale, DEFAULT_LOCALE, resolveLocale } from './resolveLocale';

/** A widget's locale: its Intl formatters and its words. */
export interface WidgetLocale {
  locale: string;
  format: LocaleFormatters;
  t: Messages;
}

const cache = new Map<string, WidgetLocale>();

/** The formatters and message table of a locale tag (invalid or absent tags: en-US). */
export function widgetLocale(tag: string | undefined): WidgetLocale {
  const locale = resolveLocale(tag);
  let found = cache.get(locale);
  if (!found) {
    found = { locale, format: localeFormatters(locale), t: messagesFor(locale) };
    cache.set(locale, found);
  }
  return found;
}

/** Set by a widget for its parts (status, notices, rows), so they all speak the widget's locale. */
export const WidgetLocaleContext = createContext<WidgetLocale | null>(null);

const noSubscription = () => () => {};

/**
 * The locale of a widget: `tag` when given (the `locale` prop / `data-locale`),
 * else the enclosing widget's, else the reader's browser locale. Server
 * rendering and hydration use en-US, then the browser's takes over, so a
 * server-rendered widget never mismatches.
 */
export function useWidgetLocale(tag?: string): WidgetLocale {
  const inherited = useContext(WidgetLocaleContext);
  const browser = useSyncExternalStore(noSubscription, browserLocale, () => DEFAULT_LOCALE);
  if (tag) return widgetLocale(tag);
  return inherited ?? widgetLocale(browser);
}
