import type { StreamHub, SubscriptionResult } from './hub';

/** A request to change the topics of an open stream, as the subscriptions POST carries it. */
export interface SubscriptionChange {
  connectionId: string;
  token: string;
  subscribe: string[];
  unsubscribe: string[];
  /** Per carried topic: at most one update per symbol every N ms; 0 for all of them. */
  rates?: Record<string, number>;
  principal: unknown;
}

/**
 * Routes a subscription change to the instance that holds the connection.
 * In one process that is always the local hub; the scaled shape routes over Redis.
 */
export interface SubscriptionControl {
  change(change: SubscriptionChange): Promise<SubscriptionResult>;
}

/** The in-process control: every connection lives in this hub. */
export class LocalSubscriptionControl implements SubscriptionControl {
  constructor(private readonly hub: StreamHub) {}

  change(change: SubscriptionChange): Promise<SubscriptionResult> {
    return this.hub.changeSubscriptions(change);
  }
}
