'use client';
import { useEffect, useState } from 'react';
import type { StatsEvent, StreamEvent } from '@quoteline/protocol';
import { ADMIN_CONNECTIONS_TOPIC } from '@quoteline/protocol/stats';
import { applyStatsEvents, EMPTY_CONNECTION_STATS, liveInstances, type ConnectionStatsState } from '../connectionStats';
import { useTopicState } from './hooks';

/** Folds `admin:connections` events at the time they are folded. */
export function reduceConnectionStats(
  state: ConnectionStatsState | undefined,
  events: StreamEvent[],
): ConnectionStatsState {
  return applyStatsEvents(state ?? EMPTY_CONNECTION_STATS, events, Date.now());
}

/** What the live connections panel shows: still subscribing, subscribed but no sample yet, or the samples. */
export interface ConnectionStatsView {
  phase: 'connecting' | 'waiting' | 'live';
  /** every instance heard from in the last few intervals, by name */
  instances: StatsEvent[];
}

/**
 * Live connection statistics of every app instance, from the admin-only
 * `admin:connections` topic of the page's one stream (admins only: anyone else
 * is refused the topic). Re-checks every second, so an instance that falls
 * silent disappears even when no other sample arrives.
 */
export function useConnectionStats(): ConnectionStatsView {
  const state = useTopicState(ADMIN_CONNECTIONS_TOPIC, reduceConnectionStats);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const instances = state ? liveInstances(state, now) : [];
  return { phase: instances.length > 0 ? 'live' : state?.subscribed ? 'waiting' : 'connecting', instances };
}
