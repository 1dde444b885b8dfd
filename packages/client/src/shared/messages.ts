import type { StreamEvent } from '@quoteline/protocol';
import type { ConnectionStatus } from '../status';

/** Tab → SharedWorker. */
export type TabMessage =
  | { type: 'subscribe'; topic: string }
  | { type: 'unsubscribe'; topic: string }
  /** a widget asks again for a refused or closed topic */
  | { type: 'retry'; topic: string }
  /** whether any widget of this tab reading the topic is in sight */
  | { type: 'sight'; topic: string; inSight: boolean }
  /** sent every few seconds: a port that stops pinging belongs to a closed tab */
  | { type: 'ping' }
  | { type: 'bye' };

/** SharedWorker → tab. */
export type WorkerMessage =
  { type: 'status'; status: ConnectionStatus } | { type: 'event'; topic: string; event: StreamEvent };

/** How often tabs ping, and how long the worker waits before forgetting a silent tab. */
export const PING_MS = 5_000;
export const PORT_TIMEOUT_MS = 15_000;
