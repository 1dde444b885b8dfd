'use client';
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { skipToken, useQuery } from '@tanstack/react-query';
import type { StreamEvent } from '@quoteline/protocol';
import { applyFeedEvents, EMPTY_FEED, type FeedState } from '../feedState';
import type { ConnectionStatus } from '../status';
import { topicQueryKey, useStreamContext } from './context';
import { useInSight } from './sight';

/** The stream's status, re-rendering when it changes. */
export function useStreamStatus(): ConnectionStatus {
  const { client } = useStreamContext();
  return useSyncExternalStore(
    (onChange) => client.onStatus(onChange),
    () => client.status,
    () => 'idle' as ConnectionStatus,
  );
}

/**
 * A topic's state from the react-query cache, kept current by the stream.
 * Subscribes on mount and lets go on unmount; events are folded once per frame.
 */
export function useTopicState<S>(
  topic: string,
  reduce: (state: S | undefined, events: StreamEvent[]) => S,
): S | undefined {
  const { topics, reducers } = useStreamContext();
  const inSight = useInSight();
  useEffect(() => {
    reducers.set(topic, reduce as (state: unknown, events: StreamEvent[]) => unknown);
    return topics.acquire(topic);
  }, [topic, reduce, topics, reducers]);
  // Declared after the acquire, so it runs after it: an out-of-sight widget marks the topic it holds.
  useEffect(() => (inSight ? undefined : topics.hide(topic)), [inSight, topic, topics, reduce, reducers]);
  const { data } = useQuery<S>({
    queryKey: topicQueryKey(topic),
    queryFn: skipToken,
    staleTime: Infinity,
    gcTime: 5 * 60_000,
  });
  return data;
}

/** Asks the stream again for a topic it refused or closed (a "Try again" button). */
export function useRetryTopic(topic: string): () => void {
  const { client } = useStreamContext();
  return useCallback(() => client.retry(topic), [client, topic]);
}

/** Folds stream events into a feed's rows; `ready` marks the feed loaded even when it has no instruments. */
export function reduceFeed(state: FeedState | undefined, events: StreamEvent[]): FeedState {
  return applyFeedEvents(state ?? EMPTY_FEED, events);
}

/** The live rows of a feed topic (`feed:<slug>`); undefined while its snapshot has not arrived. */
export function useFeed(slug: string): FeedState | undefined {
  return useTopicState(`feed:${slug}`, reduceFeed);
}

/** A topic's live state by its topic name, e.g. `useTopic('feed:demo')`; feed topics fold into rows. */
export function useTopic(topic: `feed:${string}`): FeedState | undefined {
  return useTopicState(topic, reduceFeed);
}
