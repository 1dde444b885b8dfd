import type { AddEvent, FeedStatus, StreamEvent } from '@quoteline/protocol';
import type { TopicProblem } from './subscriptions/subscriptions';

/** One row of a feed: its latest quote plus the price before it, for direction and flashes. */
export interface QuoteRow extends AddEvent {
  previousPrice: number | null;
}

/** A feed topic's state in the browser: rows by symbol, in the order they were added, whether the feed is paused, and why it is not on the stream. */
export interface FeedState {
  symbols: string[];
  rows: Record<string, QuoteRow>;
  /** `running` unless a `status` event said `paused` (a snapshot carries one only while paused). */
  status: FeedStatus;
  /** Set while the stream does not carry the feed: refused (`unknown_topic`, `forbidden`, …) or closed (`deleted`, `revoked`, …). */
  problem: TopicProblem | null;
}

/** The state of a topic nothing has been received for yet. */
export const EMPTY_FEED: FeedState = { symbols: [], rows: {}, status: 'running', problem: null };

/** Folds a batch of stream events into a feed's state, returning a new object only when something changed. */
export function applyFeedEvents(state: FeedState, events: readonly StreamEvent[]): FeedState {
  let symbols = state.symbols;
  let rows = state.rows;
  let status = state.status;
  let problem = state.problem;
  let copied = false;
  const copy = () => {
    if (copied) return;
    rows = { ...rows };
    copied = true;
  };
  for (const event of events) {
    switch (event.type) {
      case 'reset':
        symbols = [];
        rows = {};
        status = 'running';
        copied = true;
        break;
      case 'status':
        status = event.data.status;
        break;
      case 'ready':
        problem = null;
        break;
      case 'topic_error':
      case 'topic_closed':
        // Off the stream: its rows would only go stale.
        symbols = [];
        rows = {};
        status = 'running';
        copied = true;
        problem =
          event.type === 'topic_error'
            ? { code: event.data.code, message: event.data.message }
            : { code: event.data.reason, message: event.data.message };
        break;
      case 'add': {
        copy();
        if (!rows[event.data.symbol]) symbols = [...symbols, event.data.symbol];
        rows[event.data.symbol] = { ...event.data, previousPrice: rows[event.data.symbol]?.price ?? null };
        break;
      }
      case 'update': {
        const row = rows[event.data.symbol];
        if (!row) break;
        copy();
        const { price, bid, ask, ts } = event.data;
        rows[event.data.symbol] = { ...row, price, bid, ask, ts, previousPrice: row.price };
        break;
      }
      case 'remove': {
        if (!rows[event.data.symbol]) break;
        copy();
        delete rows[event.data.symbol];
        symbols = symbols.filter((s) => s !== event.data.symbol);
        break;
      }
      default:
        break;
    }
  }
  return copied || status !== state.status || problem !== state.problem ? { symbols, rows, status, problem } : state;
}
