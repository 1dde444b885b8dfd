/**
 * Tells whether a reader is reading old news. Socket and proxy buffers can
 * hold minutes of a stream the server believes delivered; a reader that
 * stalled and reads again reads them first. Each `update`'s age at receipt
 * (receipt − `ts`) is compared with the smallest age seen for its topic on
 * this stream: clocks and a feed's own timestamps cancel out, and an age far
 * above that floor means the bytes waited in a buffer.
 */
export class StalenessWatch {
  private readonly floor = new Map<string, number>();

  constructor(private readonly staleAfterMs: number) {}

  /** Records one update; true when it arrived more than `staleAfterMs` later than the freshest of its topic did. */
  isStale(topic: string, ts: number, receivedAt: number): boolean {
    const age = receivedAt - ts;
    const floor = this.floor.get(topic);
    if (floor === undefined || age < floor) {
      this.floor.set(topic, age);
      return false;
    }
    return age - floor > this.staleAfterMs;
  }

  /** Forgets every floor (a new stream starts its own). */
  clear(): void {
    this.floor.clear();
  }
}
