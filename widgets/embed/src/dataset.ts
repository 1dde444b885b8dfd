import { parseTokens, type WidgetLook } from '@quoteline/widget-kit';

/** A comma list from a data attribute (`ACME, GLOBX` → ['ACME','GLOBX']); undefined when absent. */
export function listOf(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `light` / `dark` from `data-theme`; anything else follows the reader's preference. */
export function themeOf(value: string | undefined): 'light' | 'dark' | undefined {
  return value === 'light' || value === 'dark' ? value : undefined;
}

/** A widget's look from `data-theme`, `data-locale` and `data-tokens` (`up: #0a7d32; radius: 0`; a bad token throws). */
export function lookOf(d: DOMStringMap): WidgetLook {
  return { theme: themeOf(d.theme), locale: d.locale, tokens: parseTokens(d.tokens) };
}
