import { statsStaleAfterMs, type AddEvent, type StatsEvent, type StatusEvent } from '@quoteline/protocol';
import type { LogEntry } from './eventLog';

/** One event of a snapshot, in the order a new subscriber gets them. */
export type SnapshotEvent =
  { type: 'add'; data: AddEvent } | { type: 'status'; data: StatusEvent } | { type: 'stats'; data: StatsEvent };

/** Options of the views; the clock is for tests. */
export interface TopicViewsOptions {
  now?: () => number;
}

/**
 * The current state of every topic that has a snapshot, folded from the log in
 * log order: a feed's rows and status, and the latest stats sample of each
 * instance. Because the hub folds and fans out the same entries in one pass, a
 * snapshot read from here sits exactly at the hub's position: nothing straddles it.
 */
export class TopicViews {
  private readonly topics = new Map<string, Map<string, AddEvent>>();
  /** A feed's last `status` while it is not the default (paused, or with market fields); absent means running and always open. */
  private readonly statuses = new Map<string, StatusEvent>();
  /** topic → instance → its latest sample */
  private readonly samples = new Map<string, Map<string, StatsEvent>>();
  private readonly now: () => number;

  constructor(options: TopicViewsOptions = {}) {
    this.now = options.now ?? Date.now;
  }

  /** Folds one log entry into its topic's state; private events are ignored. */
  apply(entry: LogEntry): void {
    switch (entry.type) {
      case 'add': {
        const data = entry.data;
        this.rows(entry.topic, true)!.set(data.symbol, data);
        return;
      }
      case 'update': {
        const data = entry.data;
        const rows = this.rows(entry.topic, false);
        const row = rows?.get(data.symbol);
        if (rows && row)
          rows.set(data.symbol, { ...row, price: data.price, bid: data.bid, ask: data.ask, ts: data.ts });
        return;
      }
      case 'remove': {
        this.rows(entry.topic, false)?.delete(entry.data.symbol);
        return;
      }
      case 'status': {
        const data = entry.data;
        if (data.status === 'paused' || data.state !== undefined || data.staleAfterMs !== undefined)
          this.statuses.set(entry.topic, data);
        else this.statuses.delete(entry.topic);
        return;
      }
      case 'topic_closed': {
        this.drop(entry.topic);
        return;
      }
      case 'stats': {
        const data = entry.data;
        let byInstance = this.samples.get(entry.topic);
        if (!byInstance) this.samples.set(entry.topic, (byInstance = new Map()));
        byInstance.set(data.instance, data);
        return;
      }
      default:
        return;
    }
  }

  /** The topic's instruments as `add` events, in the order they were added. */
  snapshot(topic: string): AddEvent[] {
    return [...(this.topics.get(topic)?.values() ?? [])];
  }

  /**
   * Everything a new subscriber of the topic needs, in order: a feed's `add`s
   * then, only while it is paused or has market fields, its latest `status`; for a stats topic the latest
   * sample of every instance heard from recently (a gone instance's last sample
   * is left out, and forgotten).
   */
  snapshotEvents(topic: string): SnapshotEvent[] {
    const events: SnapshotEvent[] = this.snapshot(topic).map((data) => ({ type: 'add', data }));
    const status = this.statuses.get(topic);
    if (status) events.push({ type: 'status', data: status });
    const byInstance = this.samples.get(topic);
    if (byInstance) {
      const now = this.now();
      for (const [instance, sample] of byInstance) {
        if (now - sample.ts > statsStaleAfterMs(sample.intervalMs)) byInstance.delete(instance);
        else events.push({ type: 'stats', data: sample });
      }
    }
    return events;
  }

  /** The latest quote of a symbol on whichever topic carries it (symbols are unique across feeds). */
  findSymbol(symbol: string): AddEvent | undefined {
    for (const rows of this.topics.values()) {
      const row = rows.get(symbol);
      if (row) return row;
    }
    return undefined;
  }

  /** The latest quote of one symbol on a topic, e.g. to price an order. */
  quote(topic: string, symbol: string): AddEvent | undefined {
    return this.topics.get(topic)?.get(symbol);
  }

  /**
   * Adds rows a topic lacks without a log entry: an instance joining a shared
   * log learns the instruments announced before it started from the database.
   */
  seed(topic: string, rows: readonly AddEvent[]): void {
    const current = this.rows(topic, true)!;
    for (const row of rows) if (!current.has(row.symbol)) current.set(row.symbol, row);
  }

  /** Forgets a topic entirely (its feed was deleted). */
  drop(topic: string): void {
    this.topics.delete(topic);
    this.statuses.delete(topic);
    this.samples.delete(topic);
  }

  private rows(topic: string, create: boolean): Map<string, AddEvent> | undefined {
    let rows = this.topics.get(topic);
    if (!rows && create) this.topics.set(topic, (rows = new Map()));
    return rows;
  }
}
