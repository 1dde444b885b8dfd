import type { HTMLAttributes } from 'react';
import { DEFAULT_LOCALE } from './locale/resolveLocale';
import { widgetLocale, WidgetLocaleContext, type WidgetLocale } from './locale/widgetLocale';
import { widgetBaseCss } from './theme';
import { tokenStyle, type ThemeTokens } from './themeTokens';

/** How a page dresses a widget: light or dark (the reader's preference by default), its locale (BCP 47), its theme tokens. */
export interface WidgetLook {
  theme?: 'light' | 'dark';
  locale?: string;
  tokens?: ThemeTokens;
}

/**
 * A widget's outer section: its locale for everything inside, its look's
 * theme and tokens, its language, and the kit's CSS followed by the widget's own. Further props
 * (aria, data-*) go on the section. Widgets whose words are English only
 * (the trading widgets) leave `l10n` out and speak en-US throughout.
 */
export function WidgetFrame({
  l10n = widgetLocale(DEFAULT_LOCALE),
  look,
  css,
  className,
  children,
  ...section
}: HTMLAttributes<HTMLElement> & { l10n?: WidgetLocale; look?: WidgetLook; css: string; className: string }) {
  return (
    <WidgetLocaleContext.Provider value={l10n}>
      <section
        className={`ql-widget ${className}`}
        data-theme={look?.theme}
        lang={l10n.locale}
        style={tokenStyle(look?.tokens)}
        {...section}
      >
        <style>{widgetBaseCss + css}</style>
        {children}
      </section>
    </WidgetLocaleContext.Provider>
  );
}
