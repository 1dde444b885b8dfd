import type { ReplayRow } from './replayCsv';

/** Options of a replay: how fast, and whether to start over at the end. */
export interface ReplayOptions {
  speed: number;
  loop: boolean;
}

/**
 * Plays rows at their recorded pace divided by `speed`, handing each to
 * `emit` (the engine's push path); loops when asked. Stops on `stop()`.
 */
export class ReplayPlayer {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private index = 0;

  constructor(
    private readonly rows: readonly ReplayRow[],
    private readonly options: ReplayOptions,
    private readonly emit: (row: ReplayRow) => void,
  ) {}

  /** Starts (or continues) playing. */
  start(): void {
    if (this.timer || this.rows.length === 0) return;
    this.schedule(0);
  }

  /** Stops; `start()` continues from the next row. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => this.step(), delay);
    this.timer.unref?.();
  }

  private step(): void {
    const row = this.rows[this.index]!;
    this.emit(row);
    this.index++;
    if (this.index >= this.rows.length) {
      if (!this.options.loop) {
        this.timer = null;
        return;
      }
      this.index = 0;
      this.schedule(Math.max(10, 1000 / this.options.speed));
      return;
    }
    const gap = (this.rows[this.index]!.at - row.at) / this.options.speed;
    this.schedule(Math.min(60_000, Math.max(0, gap)));
  }
}
