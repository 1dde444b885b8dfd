import type { StreamEvent } from '@quoteline/protocol';
import type { TopicListener, TopicStream } from '../streamClient';

interface Held {
  /** widgets reading the topic, and how many of them are out of sight */
  count: number;
  hidden: number;
  listener: TopicListener;
  release: () => void;
}

/**
 * One stream listener per topic for a whole React tree, however many widgets
 * read the topic: each event reaches the fold once (one listener per widget
 * would fold every update once per widget and lose the previous price).
 */
export class TopicSubscriptions {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly stream: TopicStream,
    private readonly onEvent: (topic: string, event: StreamEvent) => void,
  ) {}

  /** A widget reads the topic; returns its release. Another widget asking for a refused topic asks again. */
  acquire(topic: string): () => void {
    let entry = this.held.get(topic);
    if (entry) {
      entry.count++;
      this.stream.retry(topic);
    } else {
      const listener: TopicListener = (event) => this.onEvent(topic, event);
      entry = { count: 1, hidden: 0, listener, release: this.stream.subscribe(topic, listener) };
      this.held.set(topic, entry);
    }
    this.tellSight(entry, topic);
    const held = entry;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--held.count > 0) return this.tellSight(held, topic);
      this.held.delete(topic);
      held.release();
    };
  }

  /**
   * One widget reading the topic is out of sight (scrolled away, its tab
   * hidden); returns the undo, for when it comes back. The stream hears the
   * topic is out of sight only when every widget reading it is.
   */
  hide(topic: string): () => void {
    const held = this.held.get(topic);
    if (!held) return () => undefined;
    held.hidden++;
    this.tellSight(held, topic);
    let shown = false;
    return () => {
      if (shown) return;
      shown = true;
      held.hidden--;
      if (this.held.get(topic) === held) this.tellSight(held, topic);
    };
  }

  private tellSight(held: Held, topic: string): void {
    this.stream.setInSight?.(topic, held.listener, held.hidden < held.count);
  }
}
