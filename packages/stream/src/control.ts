import type { StreamHub, SubscriptionResult } from './hub';

/** A request to change the topics of an open stream, as the subscriptions POST carries it, with who asks. */
export interface SubscriptionChange<P = unknown> {
  connectionId: string;
  token: string;
  subscribe: string[];
  unsubscribe: string[];
  /** Per carried topic: at most one update per symbol every N ms; 0 for all of them. */
  rates?: Record<string, number>;
  principal: P;
}

/**
 * Routes a subscription change to the instance that holds the connection.
 * In one process that is always the local hub; the scaled shape routes over Redis.
 */
export interface SubscriptionControl<P = unknown> {
  change(change: SubscriptionChange<P>): Promise<SubscriptionResult>;
}

/** The in-process control: every connection lives in this hub. */
export class LocalSubscriptionControl<P> implements SubscriptionControl<P> {
  constructor(private readonly hub: StreamHub<P>) {}

  change(change: SubscriptionChange<P>): Promise<SubscriptionResult> {
    return this.hub.changeSubscriptions(change);
  }
}
