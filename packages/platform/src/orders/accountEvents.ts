import { accountTopic, type TopicEvent } from '@quoteline/protocol';
import type { EventLog } from '@quoteline/stream';

/** An event of an account's private topic, before it has a topic and a place in the log. */
export type PrivateEvent = WithoutTopic<Extract<TopicEvent, { type: 'order' | 'fill' | 'position' }>>;
type WithoutTopic<E> = E extends unknown ? Omit<E, 'topic'> : never;

/** How a backlog is retried; the defaults suit the platform, tests pass shorter ones. */
export interface AccountEventsOptions {
  retryMs?: number;
  giveUpMs?: number;
}

/**
 * Appends each account's events to the log in order. The database is the
 * truth for orders: when the log cannot take an event (Redis down), the order
 * stands and its answer is given, and the rest wait in the account's backlog,
 * appended once the log is back (retried every `retryMs`, for `giveUpMs`),
 * late rather than lost. Later events of that account join the backlog, so
 * they never overtake it.
 */
export class AccountEvents {
  private readonly backlogs = new Map<string, PrivateEvent[]>();
  private readonly retryMs: number;
  private readonly giveUpMs: number;

  constructor(
    private readonly log: Pick<EventLog, 'append' | 'head'>,
    options: AccountEventsOptions = {},
  ) {
    this.retryMs = options.retryMs ?? 1_000;
    this.giveUpMs = options.giveUpMs ?? 120_000;
  }

  /** Appends the events in order; returns the last one's log id (the log's head when they wait in a backlog). */
  async publish(events: PrivateEvent[], accountId: string): Promise<string> {
    let id = this.log.head();
    const waiting = this.backlogs.get(accountId);
    if (waiting) {
      waiting.push(...events);
      return id;
    }
    for (let i = 0; i < events.length; i++) {
      try {
        id = (await this.append(events[i]!, accountId)).id;
      } catch (error) {
        console.error(
          'quoteline: an order is stored but its events could not be appended to the log yet; retrying',
          error,
        );
        const backlog = events.slice(i);
        this.backlogs.set(accountId, backlog);
        void this.drain(backlog, accountId);
        break;
      }
    }
    return id;
  }

  private append(e: PrivateEvent, accountId: string) {
    return this.log.append({ ...e, topic: accountTopic(accountId) });
  }

  /** Appends an account's backlog in order, waiting `retryMs` after each failure; gives up after `giveUpMs`. */
  private async drain(backlog: PrivateEvent[], accountId: string): Promise<void> {
    const deadline = Date.now() + this.giveUpMs;
    while (backlog.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.retryMs));
      try {
        while (backlog.length > 0) {
          await this.append(backlog[0]!, accountId);
          backlog.shift();
        }
      } catch (error) {
        if (Date.now() > deadline) {
          console.error(
            `quoteline: giving up appending ${backlog.length} order event(s); the account stream will miss them`,
            error,
          );
          break;
        }
      }
    }
    this.backlogs.delete(accountId);
  }
}
