/** The update interval asked for a topic while every widget reading it is out of sight (scrolled away, or its tab hidden). */
export const OUT_OF_SIGHT_INTERVAL_MS = 1000;

/**
 * The readers (widgets' listeners) of each topic, and which of them are out
 * of sight. A topic is out of sight only when EVERY one of its readers is:
 * one reader in view keeps it at full rate.
 */
export class TopicReaders<R> {
  private readonly readers = new Map<string, Set<R>>();
  private readonly hidden = new Map<string, Set<R>>();

  /** Adds a reader of a topic (in sight); true when it is the topic's first. */
  add(topic: string, reader: R): boolean {
    const set = this.readers.get(topic);
    if (set) set.add(reader);
    else this.readers.set(topic, new Set([reader]));
    return !set;
  }

  /** Removes a reader: 'last' when the topic has no reader left, 'others' when it still has, null when it was not reading. */
  remove(topic: string, reader: R): 'last' | 'others' | null {
    const set = this.readers.get(topic);
    if (!set?.delete(reader)) return null;
    this.unhide(topic, reader);
    if (set.size > 0) return 'others';
    this.readers.delete(topic);
    return 'last';
  }

  /** The readers of a topic (none: empty). */
  of(topic: string): ReadonlySet<R> {
    return this.readers.get(topic) ?? NONE;
  }

  /** Marks one reader of a topic in or out of sight; false when it does not read the topic. */
  mark(topic: string, reader: R, inSight: boolean): boolean {
    if (!this.readers.get(topic)?.has(reader)) return false;
    if (inSight) this.unhide(topic, reader);
    else {
      const set = this.hidden.get(topic);
      if (set) set.add(reader);
      else this.hidden.set(topic, new Set([reader]));
    }
    return true;
  }

  private unhide(topic: string, reader: R): void {
    const set = this.hidden.get(topic);
    if (set?.delete(reader) && set.size === 0) this.hidden.delete(topic);
  }

  /** True when the topic has readers and none of them is in sight. */
  outOfSight(topic: string): boolean {
    const readers = this.readers.get(topic);
    const set = this.hidden.get(topic);
    if (!readers?.size || !set) return false;
    for (const reader of readers) if (!set.has(reader)) return false;
    return true;
  }
}

const NONE: ReadonlySet<never> = new Set();
