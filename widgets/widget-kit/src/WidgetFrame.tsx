import type { HTMLAttributes } from 'react';
import { DEFAULT_LOCALE } from './locale/resolveLocale';
import { widgetLocale, WidgetLocaleContext, type WidgetLocale } from './locale/widgetLocale';
import { widgetBaseCss } from './theme';

/**
 * A widget's outer section: its locale for everything inside, its theme and
 * language, and the kit's CSS followed by the widget's own. Further props
 * (aria, data-*) go on the section. Widgets whose words are English only
 * (the trading widgets) leave `l10n` out and speak en-US throughout.
 */
export function WidgetFrame({
  l10n = widgetLocale(DEFAULT_LOCALE),
  theme,
  css,
  className,
  children,
  ...section
}: HTMLAttributes<HTMLElement> & { l10n?: WidgetLocale; theme?: 'light' | 'dark'; css: string; className: string }) {
  return (
    <WidgetLocaleContext.Provider value={l10n}>
      <section className={`ql-widget ${className}`} data-theme={theme} lang={l10n.locale} {...section}>
        <style>{widgetBaseCss + css}</style>
        {children}
      </section>
    </WidgetLocaleContext.Provider>
  );
}
