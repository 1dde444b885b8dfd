'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { StreamEvent } from '@quoteline/protocol';
import { FrameBatcher } from '../batcher';
import { getPageStreamClient } from '../pageClient';
import type { StreamClient } from '../streamClient';

interface StreamContextValue {
  client: StreamClient;
  batcher: FrameBatcher<StreamEvent>;
  reducers: Map<string, (state: unknown, events: StreamEvent[]) => unknown>;
}

const StreamContext = createContext<StreamContextValue | null>(null);

/** Query key of a topic's state in the react-query cache. */
export const topicQueryKey = (topic: string) => ['quoteline', 'topic', topic] as const;

/** Puts the page's one stream under the tree; widgets read topics through hooks. Needs a QueryClientProvider above. */
export function StreamProvider({ client, children }: { client?: StreamClient; children: ReactNode }) {
  const queryClient = useQueryClient();
  const value = useMemo<StreamContextValue>(() => {
    const reducers = new Map<string, (state: unknown, events: StreamEvent[]) => unknown>();
    const batcher = new FrameBatcher<StreamEvent>((topic, events) => {
      const reduce = reducers.get(topic);
      if (reduce) queryClient.setQueryData(topicQueryKey(topic), (state: unknown) => reduce(state, events));
    });
    return { client: client ?? getPageStreamClient(), batcher, reducers };
  }, [client, queryClient]);
  return <StreamContext.Provider value={value}>{children}</StreamContext.Provider>;
}

/** The stream context; fails with a fix when the provider is missing. */
export function useStreamContext(): StreamContextValue {
  const value = useContext(StreamContext);
  if (!value) throw new Error('No Quoteline stream: wrap the widgets in <StreamProvider> (inside a QueryClientProvider).');
  return value;
}
