import type { EventLog, LogInput, StreamHub, SubscriptionControl } from '@quoteline/stream';
import type { StreamPrincipal } from '../stream/streamPrincipal';
import type { ProducerRole } from './producerRole';
import type { FailureCounter, ThrottleLimits } from '../sessions/throttle';

/** What instances tell each other: `feed` (a slug changed in the database), `signout` (a session id ended). */
export type Announcement = 'feed' | 'signout';

/**
 * What several instances share when scaled (Redis): one event log, the
 * producer lease, routing of subscription changes to the instance holding a
 * stream, and a signal that a feed's stored settings changed.
 */
export interface SharedParts {
  log: EventLog;
  /** Appends a market event: fenced by the lease while this instance produces (refused once the lease moved on). */
  appendMarket(input: LogInput): Promise<unknown>;
  role: ProducerRole;
  /** Routes subscription changes for streams of `hub` and of other instances. */
  control(hub: StreamHub<StreamPrincipal>): Promise<SubscriptionControl<StreamPrincipal>>;
  /** Tells every other instance something they must act on: a feed changed in the database, a session ended. */
  announce(kind: Announcement, value: string): Promise<void>;
  /** Calls `listener` with the value of each announcement of `kind` from another instance. */
  onAnnouncement(kind: Announcement, listener: (value: string) => void): () => void;
  /** A failure counter (sign-in throttling) every instance shares. */
  failureCounter(name: string, limits: ThrottleLimits): FailureCounter;
  /** False while Redis cannot be reached (reported by /api/health as `bus`). */
  healthy(): boolean;
  close(): Promise<void>;
}
