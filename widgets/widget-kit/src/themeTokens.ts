import type { CSSProperties } from 'react';

/**
 * The theme tokens a page may set, each as the CSS custom property
 * `--ql-<name>` on a widget's host element (or any ancestor: custom properties
 * cross the Shadow DOM boundary), as the `tokens` prop, or as `data-tokens`.
 * Colours are [light default, dark default]; a page's value wins in both themes.
 */
export const COLOR_TOKENS = {
  bg: ['#ffffff', '#0f172a'],
  fg: ['#111827', '#f1f5f9'],
  muted: ['#4b5563', '#cbd5e1'],
  border: ['#d1d5db', '#334155'],
  head: ['#f3f4f6', '#1e293b'],
  up: ['#046c2c', '#4ade80'],
  down: ['#b42318', '#fca5a5'],
  'flash-up': ['#d1fadf', '#14532d'],
  'flash-down': ['#fee4e2', '#7f1d1d'],
  skeleton: ['#e5e7eb', '#334155'],
  accent: ['#1d4ed8', '#93c5fd'],
  'accent-fg': ['#ffffff', '#0f172a'],
  field: ['#ffffff', '#0b1222'],
  warn: ['#92400e', '#fcd34d'],
  'warn-bg': ['#fef3c7', '#422006'],
} as const;

/** Type, shape and spacing tokens, the same in both themes; `density` scales every padding (1 = default, 0.75 = compact). */
export const LAYOUT_TOKENS = {
  'font-family': 'system-ui,-apple-system,"Segoe UI",Roboto,sans-serif',
  'font-size': '14px',
  radius: '8px',
  density: '1',
} as const;

export type ThemeToken = keyof typeof COLOR_TOKENS | keyof typeof LAYOUT_TOKENS;

/** Token values a page gives a widget, by name (`{ up: '#0a7d32', radius: '0' }`). */
export type ThemeTokens = Partial<Record<ThemeToken, string>>;

const NAMES = new Set<string>([...Object.keys(COLOR_TOKENS), ...Object.keys(LAYOUT_TOKENS)]);

// A value is one plain CSS value: no url() fetches, no way out of the declaration.
const SAFE_VALUE = /^[\w\s#.,%+\-()'"/]{1,100}$/;

/** The kit's own name for a token's resolved value, what the widgets' CSS reads. */
export const tokenVar = (name: ThemeToken) => `--qli-${name}`;

/** Declarations that resolve each token: the page's `--ql-<name>` if set, else the theme's default. */
export function tokenDeclarations(theme: 0 | 1): string {
  const colors = Object.entries(COLOR_TOKENS).map(([n, v]) => `--qli-${n}:var(--ql-${n},${v[theme]});`);
  const layout = theme ? [] : Object.entries(LAYOUT_TOKENS).map(([n, v]) => `--qli-${n}:var(--ql-${n},${v});`);
  return colors.join('') + layout.join('');
}

/** Checks tokens (a prop or parsed `data-tokens`); throws a message naming the bad one. */
export function checkTokens(tokens: Record<string, string>): ThemeTokens {
  for (const [name, value] of Object.entries(tokens)) {
    if (!NAMES.has(name)) throw new Error(`Unknown theme token "${name}"; known: ${[...NAMES].join(', ')}.`);
    if (!SAFE_VALUE.test(value) || /url\s*\(/i.test(value))
      throw new Error(`Theme token "${name}" has a value that is not a plain CSS value.`);
  }
  return tokens as ThemeTokens;
}

/** `data-tokens="up: #0a7d32; radius: 0"` as tokens; undefined when absent. */
export function parseTokens(value: string | undefined): ThemeTokens | undefined {
  if (value === undefined) return undefined;
  const entries = value
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean)
    .map((d) => {
      const colon = d.indexOf(':');
      if (colon < 1) throw new Error(`data-tokens: "${d}" is not "name: value".`);
      return [d.slice(0, colon).trim(), d.slice(colon + 1).trim()];
    });
  return checkTokens(Object.fromEntries(entries));
}

/** The inline style that sets a widget's tokens on its own element (the prop form of `--ql-<name>`); bad entries are left out. */
export function tokenStyle(tokens: ThemeTokens | undefined): CSSProperties | undefined {
  if (!tokens) return undefined;
  const style: Record<string, string> = {};
  for (const [name, value] of Object.entries(tokens)) {
    try {
      checkTokens({ [name]: value });
      style[`--ql-${name}`] = value;
    } catch (error) {
      console.warn(`Quoteline: ${(error as Error).message}`);
    }
  }
  return style as CSSProperties;
}
