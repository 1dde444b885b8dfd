'use client';
import { useMemo, useState, type ReactElement } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { getEmbedStreamClient } from '@quoteline/client';
import { StreamProvider } from '@quoteline/client/react';
import type { QuotelineProviderProps } from './props';

/**
 * Holds the page's ONE stream to Quoteline for the widgets below it: the same
 * client and the same page-global stream as the script tag's widgets, so a
 * page mixing both still opens one. On the server nothing connects.
 */
export function QuotelineProvider({ url, embedKey, children }: QuotelineProviderProps): ReactElement {
  const base = url.replace(/\/+$/, '');
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  // Same url and key: the same objects, so a parent re-rendering never reaches the stream.
  const api = useMemo(() => ({ base, params: { key: embedKey } }), [base, embedKey]);
  const client = useMemo(
    () => (typeof window === 'undefined' ? undefined : getEmbedStreamClient({ base, key: embedKey })),
    [base, embedKey],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <StreamProvider client={client} api={api}>
        {children}
      </StreamProvider>
    </QueryClientProvider>
  );
}
