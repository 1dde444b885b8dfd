import type { HTMLAttributes } from 'react';
import { WidgetLocaleContext, type WidgetLocale } from './locale/widgetLocale';
import { widgetBaseCss } from './theme';

/**
 * A widget's outer section: its locale for everything inside, its theme and
 * language, and the kit's CSS followed by the widget's own. Further props
 * (aria, data-*) go on the section.
 */
export function WidgetFrame({
  l10n,
  theme,
  css,
  className,
  children,
  ...section
}: HTMLAttributes<HTMLElement> & { l10n: WidgetLocale; theme?: 'light' | 'dark'; css: string; className: string }) {
  return (
    <WidgetLocaleContext.Provider value={l10n}>
      <section className={`ql-widget ${className}`} data-theme={theme} lang={l10n.locale} {...section}>
        <style>{widgetBaseCss + css}</style>
        {children}
      </section>
    </WidgetLocaleContext.Provider>
  );
}
