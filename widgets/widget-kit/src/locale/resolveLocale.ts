/** The locale widgets use when nothing else is known (server rendering, a bad tag). */
export const DEFAULT_LOCALE = 'en-US';

/**
 * A BCP 47 tag Intl accepts, canonicalised (`de-de` → `de-DE`); `fallback`
 * when the tag is absent or not a valid tag, so a typo in `data-locale`
 * shows English numbers instead of breaking the widget.
 */
export function resolveLocale(tag: string | undefined | null, fallback = DEFAULT_LOCALE): string {
  if (!tag) return fallback;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? fallback;
  } catch {
    return fallback;
  }
}

/** The reader's browser locale; the default outside a browser. */
export function browserLocale(): string {
  return resolveLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}
