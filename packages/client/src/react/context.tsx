'use client';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { StreamEvent } from '@quoteline/protocol';
import { FrameBatcher } from '../batcher';
import { getPageStreamClient, type PageStreamOptions } from '../pageClient';
import type { TopicStream } from '../streamClient';
import { TopicSubscriptions } from './topicSubscriptions';

/** Where the widgets' JSON endpoints are: our own origin by default; an embed names Quoteline's origin and its key. */
export interface ApiEndpoint {
  base: string;
  params?: Record<string, string>;
}

interface StreamContextValue {
  client: TopicStream;
  api: ApiEndpoint;
  /** One stream listener per topic for the tree, feeding the batcher. */
  topics: TopicSubscriptions;
  reducers: Map<string, (state: unknown, events: StreamEvent[]) => unknown>;
}

const StreamContext = createContext<StreamContextValue | null>(null);

/** Query key of a topic's state in the react-query cache. */
export const topicQueryKey = (topic: string) => ['quoteline', 'topic', topic] as const;

/** A stream that never connects: what server rendering sees, since streams belong to the browser. */
const SERVER_STREAM: TopicStream = {
  status: 'idle',
  onStatus: () => () => undefined,
  subscribe: () => () => undefined,
  retry: () => undefined,
};

/** Puts the page's one stream under the tree; widgets read topics through hooks. Needs a QueryClientProvider above. */
export function StreamProvider({
  client,
  options,
  api,
  children,
}: {
  client?: TopicStream;
  options?: PageStreamOptions;
  api?: ApiEndpoint;
  children: ReactNode;
}) {
  const queryClient = useQueryClient();
  const value = useMemo<StreamContextValue>(() => {
    const reducers = new Map<string, (state: unknown, events: StreamEvent[]) => unknown>();
    const batcher = new FrameBatcher<StreamEvent>((topic, events) => {
      const reduce = reducers.get(topic);
      if (reduce) queryClient.setQueryData(topicQueryKey(topic), (state: unknown) => reduce(state, events));
    });
    const stream = client ?? (typeof window === 'undefined' ? SERVER_STREAM : getPageStreamClient(options));
    const topics = new TopicSubscriptions(stream, (topic, event) => batcher.push(topic, event));
    return { client: stream, topics, reducers, api: api ?? { base: '' } };
  }, [client, options, api, queryClient]);
  return <StreamContext.Provider value={value}>{children}</StreamContext.Provider>;
}

/** The URL of one of our JSON endpoints (`/api/...`), on Quoteline's origin and with the embed key when embedded. */
export function useApiUrl(path: string): string {
  const { base, params } = useStreamContext().api;
  const query =
    params && Object.keys(params).length ? `${path.includes('?') ? '&' : '?'}${new URLSearchParams(params)}` : '';
  return `${base}${path}${query}`;
}

/** The stream context; fails with a fix when the provider is missing. */
export function useStreamContext(): StreamContextValue {
  const value = useContext(StreamContext);
  if (!value)
    throw new Error('No Quoteline stream: wrap the widgets in <StreamProvider> (inside a QueryClientProvider).');
  return value;
}
