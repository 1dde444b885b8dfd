import { CandleBuilder, fromWirePrice, type Candle } from '@quoteline/market';
import type { CandleInterval } from '@quoteline/protocol';
import type { EventLog, LogEntry } from '@quoteline/stream';
import type { CandleStore } from './candleStore';

/** What the candle recorder needs: the log to tail, the store to write, and how often to write. */
export interface CandleRecorderOptions {
  log: Pick<EventLog, 'tail'>;
  store: CandleStore;
  /** Interval of batched writes, in ms. */
  flushMs: number;
  builder?: CandleBuilder;
  now?: () => number;
  /**
   * Whether this instance writes candles (default always): with several
   * instances only the producer does; the others build the same candles in
   * memory and serve them, and a new producer's next batch writes whole candles.
   */
  persists?: () => boolean;
  /** Called when a batch could not be written (it is kept and retried with the next one). */
  onError?: (error: unknown) => void;
  /** Called once for a candle the store refused on its own while the rest of its batch was written; it is not tried again. */
  onSkipped?: (candle: Candle, error: unknown) => void;
}

const keyOf = (c: Candle) => `${c.symbol}|${c.interval}|${c.start}`;

/**
 * Builds candles from the market events of the log (an `add` carries an
 * instrument's first price, then every `update`) and writes the candles that
 * changed in one batch every `flushMs` and on stop: never one write per tick.
 */
export class CandleRecorder {
  readonly builder: CandleBuilder;
  private readonly options: CandleRecorderOptions;
  private readonly decimals = new Map<string, number>();
  private untail: (() => void) | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** Candles (by series and start) the store refused on their own: left out of every later batch. */
  private readonly skipped = new Set<string>();

  constructor(options: CandleRecorderOptions) {
    this.options = options;
    this.builder = options.builder ?? new CandleBuilder();
  }

  /** Reads the candles still in progress from the store, so a restart extends them instead of starting over. */
  async restore(): Promise<void> {
    this.builder.restore(await this.options.store.inProgress((this.options.now ?? Date.now)()));
  }

  /** Starts tailing the log and the flush timer; call before the engine publishes its first `add`. */
  start(): void {
    if (this.untail) return;
    this.untail = this.options.log.tail((entry) => this.onEntry(entry));
    this.timer = setInterval(() => void this.flush(), this.options.flushMs);
    this.timer.unref?.();
  }

  /**
   * Writes every candle changed since the last batch; never rejects. A failed
   * batch is written again row by row: when some rows go in, the ones that
   * still fail are bad rows, skipped for good and reported once, so one row can
   * never stall the others; when none goes in, the store is down and the whole
   * batch is retried next time.
   */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      const batch = this.builder.takeChanged().filter((c) => !this.skipped.has(keyOf(c)));
      if (batch.length === 0 || !(this.options.persists?.() ?? true)) return;
      try {
        await this.options.store.save(batch);
      } catch (error) {
        await this.isolate(batch, error);
      }
    });
    return this.flushing;
  }

  private async isolate(batch: readonly Candle[], batchError: unknown): Promise<void> {
    const refused: { candle: Candle; error: unknown }[] = [];
    for (const candle of batch)
      await this.options.store.save([candle]).catch((error: unknown) => refused.push({ candle, error }));
    if (refused.length === batch.length) {
      this.builder.putBack(batch);
      (this.options.onError ?? ((e) => console.error('quoteline: saving candles failed', e)))(batchError);
      return;
    }
    const report =
      this.options.onSkipped ??
      ((c, e) =>
        console.error(`quoteline: candle ${c.symbol} ${c.interval} at ${c.start} cannot be saved and is skipped`, e));
    for (const { candle, error } of refused) {
      this.skipped.add(keyOf(candle));
      report(candle, error);
    }
  }

  /** Stops tailing and the timer, then writes what is left. */
  async stop(): Promise<void> {
    this.untail?.();
    this.untail = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** The decimals an instrument is quoted with, once its `add` was seen. */
  decimalsOf(symbol: string): number | undefined {
    return this.decimals.get(symbol);
  }

  /** Candles of a series held in memory (recent closed ones and the current one), oldest first. */
  recent(symbol: string, interval: CandleInterval): Candle[] {
    return this.builder.candles(symbol, interval);
  }

  private onEntry(entry: LogEntry): void {
    if (entry.type === 'add') {
      const { data } = entry;
      this.decimals.set(data.symbol, data.decimals);
      this.fold(data.symbol, data.price, data.ts);
    } else if (entry.type === 'update') {
      const { data } = entry;
      this.fold(data.symbol, data.price, data.ts);
    }
  }

  private fold(symbol: string, price: number, ts: number): void {
    const decimals = this.decimals.get(symbol);
    if (decimals === undefined) return;
    const minor = fromWirePrice(price, decimals);
    if (minor !== null) this.builder.add(symbol, minor, ts);
  }
}
