/**
 * Latency histogram in whole milliseconds. `ts` on the wire is an integer
 * Date.now(), so finer buckets would only pretend to be precise; a fixed
 * array keeps recording allocation-free at 100k+ samples/s.
 */
export class LatencyHistogram {
  readonly buckets: Uint32Array;
  count = 0;
  sum = 0;
  max = 0;
  /** Samples below 0 ms (receiver clock behind the publisher's); counted as 0. */
  negative = 0;

  constructor(readonly maxMs = 120_000) {
    // The last bucket collects everything at or above maxMs.
    this.buckets = new Uint32Array(maxMs + 1);
  }

  record(ms: number): void {
    if (ms < 0) {
      this.negative++;
      ms = 0;
    }
    const bucket = ms >= this.maxMs ? this.maxMs : Math.floor(ms);
    this.buckets[bucket]!++;
    this.count++;
    this.sum += ms;
    if (ms > this.max) this.max = ms;
  }

  reset(): void {
    this.buckets.fill(0);
    this.count = 0;
    this.sum = 0;
    this.max = 0;
    this.negative = 0;
  }

  /** Nearest-rank percentile (p in 0..100): the smallest bucket holding at least p % of samples; null when empty. */
  percentile(p: number): number | null {
    if (this.count === 0) return null;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let ms = 0; ms < this.buckets.length; ms++) {
      seen += this.buckets[ms]!;
      if (seen >= rank) return ms;
    }
    return this.maxMs;
  }

  mean(): number | null {
    return this.count === 0 ? null : this.sum / this.count;
  }
}
