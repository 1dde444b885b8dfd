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

/**
 * The desk's instrument, kept in the URL so a reload (or a shared link) shows
 * the same one, and Back returns to the one before; null until one is opened.
 * Read after hydration: the server renders the default.
 */
export function useDeskInstrument(): [DeskInstrument | null, (next: DeskInstrument) => void] {
  const search = useSyncExternalStore(
    subscribe,
    () => window.location.search,
    () => '',
  );
  const open = (next: DeskInstrument) => {
    const url = new URL(window.location.href);
    url.searchParams.set('symbol', next.symbol);
    url.searchParams.set('feed', next.feed);
    if (url.search === window.location.search) return;
    window.history.pushState(null, '', url); // Next.js keeps its router in step with it
    for (const listener of listeners) listener();
  };
  return [instrumentOf(search), open];
}
