import type { AddEvent, UpdateEvent } from '@quoteline/protocol';
import type { LogEntry } from './eventLog';

/**
 * The current state of every market topic, folded from the log in log order.
 * Because the hub folds and fans out the same entries in one pass, a snapshot
 * read from here sits exactly at the hub's position: nothing straddles it.
 */
export class TopicViews {
  private readonly topics = new Map<string, Map<string, AddEvent>>();

  /** Folds one log entry into its topic's state; private events are ignored. */
  apply(entry: LogEntry): void {
    switch (entry.type) {
      case 'add': {
        const data = entry.data as unknown as AddEvent;
        this.rows(entry.topic, true)!.set(data.symbol, data);
        return;
      }
      case 'update': {
        const data = entry.data as unknown as UpdateEvent;
        const rows = this.rows(entry.topic, false);
        const row = rows?.get(data.symbol);
        if (rows && row) rows.set(data.symbol, { ...row, price: data.price, bid: data.bid, ask: data.ask, ts: data.ts });
        return;
      }
      case 'remove': {
        this.rows(entry.topic, false)?.delete(entry.data.symbol ?? '');
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
  }

  private rows(topic: string, create: boolean): Map<string, AddEvent> | undefined {
    let rows = this.topics.get(topic);
    if (!rows && create) this.topics.set(topic, (rows = new Map()));
    return rows;
  }
}
