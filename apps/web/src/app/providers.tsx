'use client';
import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StreamProvider } from '@quoteline/client/react';

/** react-query plus the page's one stream, for every page. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <StreamProvider>{children}</StreamProvider>
    </QueryClientProvider>
  );
}
