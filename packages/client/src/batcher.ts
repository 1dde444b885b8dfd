/**
 * Collects items per key and hands each key's batch over once per animation
 * frame, so a burst of ticks costs one state update and one render, not one per tick.
 */
export class FrameBatcher<T> {
  private pending = new Map<string, T[]>();
  private scheduled = false;

  constructor(private readonly flushKey: (key: string, items: T[]) => void) {}

  /** Queues an item for its key. */
  push(key: string, item: T): void {
    let items = this.pending.get(key);
    if (!items) this.pending.set(key, (items = []));
    items.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    const run = () => this.flush();
    if (
      typeof requestAnimationFrame === 'function' &&
      typeof document !== 'undefined' &&
      document.visibilityState === 'visible'
    )
      requestAnimationFrame(run);
    else setTimeout(run, 16); // hidden tabs get no frames; still keep state current
  }

  /** Hands over everything queued now. */
  flush(): void {
    this.scheduled = false;
    const batches = this.pending;
    this.pending = new Map();
    for (const [key, items] of batches) this.flushKey(key, items);
  }
}
