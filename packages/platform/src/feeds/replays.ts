import { createHash } from 'node:crypto';
import { parseReplayCsv, ReplayPlayer, type MarketEngine, type ReplayRow } from '@quoteline/market';

type ReplayOptions = { speed: number; loop: boolean };

/** What a player plays, in a few bytes: the file's hash and the pace (a stored file is up to 1 MB). */
const signatureOf = (csv: string, options: ReplayOptions) =>
  `${options.speed}|${options.loop}|${createHash('sha256').update(csv).digest('base64')}`;

/**
 * The replay of every replay feed, started from the database at boot and on
 * upload. Players run only on the producer instance (`canPlay`) and only while
 * their feed runs; other instances keep them ready for a takeover.
 */
export class Replays {
  private readonly players = new Map<string, ReplayPlayer>();
  /** What each player plays (file and pace), so restoring the same replay again keeps its place. */
  private readonly playing = new Map<string, string>();

  constructor(
    private readonly engine: MarketEngine,
    private readonly canPlay: () => boolean = () => true,
  ) {}

  /** (Re)starts a feed's replay from the already validated rows of `csv` (an upload). */
  play(slug: string, csv: string, rows: readonly ReplayRow[], options: ReplayOptions): void {
    this.stop(slug);
    const player = new ReplayPlayer(rows, options, (row) => {
      this.engine.pushTick(slug, { symbol: row.symbol, price: row.price, bid: row.bid, ask: row.ask });
    });
    this.players.set(slug, player);
    this.playing.set(slug, signatureOf(csv, options));
    this.follow(slug);
  }

  /** Starts a feed's stored replay (at boot or when another instance stored it), unless it plays already; a stored file that no longer parses is skipped. */
  restore(slug: string, csv: string, options: ReplayOptions): void {
    if (this.playing.get(slug) === signatureOf(csv, options)) return this.follow(slug);
    const { rows, errors } = parseReplayCsv(csv, (symbol) => this.engine.tickGrid(slug, symbol)?.decimals ?? 2);
    if (errors.length > 0) return;
    this.play(slug, csv, rows, options);
  }

  /** Runs or holds a feed's player as its feed status and this instance's role say. */
  follow(slug: string): void {
    const player = this.players.get(slug);
    if (this.canPlay() && this.engine.feedStatus(slug) === 'running') player?.start();
    else player?.stop();
  }

  /** Re-checks every player (the producer role or a feed status changed). */
  followAll(): void {
    for (const slug of this.players.keys()) this.follow(slug);
  }

  /** Stops one feed's replay (feed deleted or replaced). */
  stop(slug: string): void {
    this.players.get(slug)?.stop();
    this.players.delete(slug);
    this.playing.delete(slug);
  }

  /** Stops every replay (shutdown). */
  stopAll(): void {
    for (const slug of [...this.players.keys()]) this.stop(slug);
  }
}
