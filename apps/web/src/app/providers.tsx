'use client';
import { useState, type ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { PageStreamOptions } from '@quoteline/client';
import { StreamProvider } from '@quoteline/client/react';

// Every tab of this origin shares one stream through this SharedWorker (bundled by Next from the URL below).
const streamOptions: PageStreamOptions = {
  sharedWorker: () => new SharedWorker(new URL('../streamWorker.ts', import.meta.url), { name: 'quoteline-stream' }),
};

/** react-query plus the browser's one stream, for every page. */
export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <StreamProvider options={streamOptions}>{children}</StreamProvider>
    </QueryClientProvider>
  );
}
