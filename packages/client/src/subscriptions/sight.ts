/** The update interval asked for a topic while every widget reading it is out of sight (scrolled away, or its tab hidden). */
export const OUT_OF_SIGHT_INTERVAL_MS = 1000;

/**
 * Which readers of each topic are out of sight. A topic is out of sight only
 * when EVERY one of its readers is: one reader in view keeps it at full rate.
 */
export class SightTracker<R> {
  private readonly hidden = new Map<string, Set<R>>();

  /** Marks one reader of a topic in or out of sight. */
  mark(topic: string, reader: R, inSight: boolean): void {
    let set = this.hidden.get(topic);
    if (inSight) {
      if (set?.delete(reader) && set.size === 0) this.hidden.delete(topic);
      return;
    }
    if (!set) this.hidden.set(topic, (set = new Set()));
    set.add(reader);
  }

  /** True when the topic has readers and none of them is in sight. */
  outOfSight(topic: string, readers: ReadonlySet<R> | undefined): boolean {
    const set = this.hidden.get(topic);
    if (!readers?.size || !set) return false;
    for (const reader of readers) if (!set.has(reader)) return false;
    return true;
  }
}
