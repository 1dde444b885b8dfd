'use client';
import { useSyncExternalStore } from 'react';
import { feedSlugSchema, symbolSchema } from '@quoteline/protocol';

/** The instrument the desk's chart and ticket show, as the page's URL names it (`?symbol=EURUSD&feed=fx`). */
export interface DeskInstrument {
  symbol: string;
  feed: string;
}

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** The instrument a query string names, or null when it names none (or not a valid one). */
export function instrumentOf(search: string): DeskInstrument | null {
  const params = new URLSearchParams(search);
  const symbol = symbolSchema.safeParse(params.get('symbol'));
  const feed = feedSlugSchema.safeParse(params.get('feed'));
  return symbol.success && feed.success ? { symbol: symbol.data, feed: feed.data } : null;
}

/** Opens an instrument on the desk: a new history entry, so Back returns to the one before. */
export function openDeskInstrument(next: DeskInstrument): void {
  const url = new URL(window.location.href);
  url.searchParams.set('symbol', next.symbol);
  url.searchParams.set('feed', next.feed);
  if (url.search === window.location.search) return;
  window.history.pushState(null, '', url); // Next.js keeps its router in step with it
  for (const listener of listeners) listener();
}

/**
 * The desk's instrument, kept in the URL so a reload (or a shared link) shows
 * the same one; null until one is opened. Read after hydration: the server
 * renders the default.
 */
export function useDeskInstrument(): DeskInstrument | null {
  const search = useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => '',
  );
  return instrumentOf(search);
}
