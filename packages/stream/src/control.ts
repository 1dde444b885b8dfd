import type { StreamHub, SubscriptionChange, SubscriptionResult } from './hub';

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
