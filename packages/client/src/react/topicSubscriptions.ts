import type { StreamEvent } from '@quoteline/protocol';
import type { TopicStream } from '../streamClient';

/**
 * One stream listener per topic for a whole React tree, however many widgets
 * read the topic: each event reaches the fold once (one listener per widget
 * would fold every update once per widget and lose the previous price).
 */
export class TopicSubscriptions {
  private readonly held = new Map<string, { count: number; release: () => void }>();

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
      entry = { count: 1, release: this.stream.subscribe(topic, (event) => this.onEvent(topic, event)) };
      this.held.set(topic, entry);
    }
    const held = entry;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      if (--held.count > 0) return;
      this.held.delete(topic);
      held.release();
    };
  }
}
