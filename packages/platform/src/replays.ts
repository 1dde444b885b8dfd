import { parseReplayCsv, ReplayPlayer, type MarketEngine, type ReplayRow } from '@quoteline/market';

/** The running replay of every replay feed, started from the database at boot and on upload. */
export class Replays {
  private readonly players = new Map<string, ReplayPlayer>();

  constructor(private readonly engine: MarketEngine) {}

  /** (Re)starts a feed's replay from already validated rows; paused feeds wait for resume. */
  play(slug: string, rows: readonly ReplayRow[], options: { speed: number; loop: boolean }): void {
    this.stop(slug);
    const player = new ReplayPlayer(rows, options, (row) => {
      this.engine.pushTick(slug, { symbol: row.symbol, price: row.price, bid: row.bid, ask: row.ask });
    });
    this.players.set(slug, player);
    if (this.engine.feedStatus(slug) !== 'paused') player.start();
  }

  /** Starts a feed's stored replay (at boot); a stored file that no longer parses is skipped. */
  restore(slug: string, csv: string, options: { speed: number; loop: boolean }): void {
    const { rows, errors } = parseReplayCsv(csv);
    if (errors.length === 0) this.play(slug, rows, options);
  }

  /** Follows the feed's pause/resume. */
  setRunning(slug: string, running: boolean): void {
    const player = this.players.get(slug);
    if (running) player?.start();
    else player?.stop();
  }

  /** Stops one feed's replay (feed deleted or replaced). */
  stop(slug: string): void {
    this.players.get(slug)?.stop();
    this.players.delete(slug);
  }

  /** Stops every replay (shutdown). */
  stopAll(): void {
    for (const slug of [...this.players.keys()]) this.stop(slug);
  }
}
