import type { FeedState } from '@quoteline/client';

/**
 * True when `next` does not carry the same instruments as `shown`: the first
 * data, a snapshot still arriving, an instrument added or removed. Spoken
 * summaries that count or rank instruments update at once then, not 30 s later.
 */
export function instrumentsChanged(shown: FeedState | undefined, next: FeedState | undefined): boolean {
  if (!next) return false;
  if (!shown) return next.symbols.length > 0;
  return shown.symbols.length !== next.symbols.length || next.symbols.some((s) => !shown.rows[s]);
}
