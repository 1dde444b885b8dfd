import type { StreamEvent } from '@quoteline/protocol';
import { createStreamParser } from '@quoteline/protocol/parser';
import type { FrameSink } from './connection';

/** A sink that records what a connection wrote, parsed into events; for tests of the hub and its callers. */
export class RecordingSink implements FrameSink {
  desiredSize: number | null = null;
  writes = 0;
  closed = false;
  readonly events: StreamEvent[] = [];
  readonly comments: string[] = [];
  private readonly decoder = new TextDecoder();
  private readonly parser = createStreamParser({
    onEvent: (e) => this.events.push(e),
    onComment: (c) => this.comments.push(c),
  });

  write(bytes: Uint8Array): void {
    if (this.closed) throw new Error('closed');
    this.writes++;
    this.parser.feed(this.decoder.decode(bytes, { stream: true }));
  }

  close(): void {
    this.closed = true;
  }
}
