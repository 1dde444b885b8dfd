import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { eventSchemas, isEventType, type StreamEvent } from './events';

// Parsing for non-browser clients (tests, benchmarks, server-to-server). The
// byte-level SSE grammar is eventsource-parser's; this adds typed, validated events.

/** What a stream parser reports. */
export interface StreamParserHandlers {
  /** A known event whose data passed its schema. */
  onEvent(event: StreamEvent): void;
  /** A `retry:` field. */
  onRetry?(ms: number): void;
  /** A comment line, e.g. `keep-alive`. */
  onComment?(text: string): void;
  /** A frame whose type is known but whose data is invalid; unknown types are skipped (forward compatible). */
  onInvalid?(message: EventSourceMessage, reason: string): void;
}

/** A stateful SSE parser: feed it text chunks as they arrive. */
export interface StreamParser {
  feed(chunk: string): void;
  reset(): void;
}

/** Creates a parser that turns SSE text into validated Quoteline events. */
export function createStreamParser(handlers: StreamParserHandlers): StreamParser {
  const parser = createParser({
    onEvent(message) {
      const type = message.event ?? 'message';
      if (!isEventType(type)) return;
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        handlers.onInvalid?.(message, 'data is not JSON');
        return;
      }
      const parsed = eventSchemas[type].safeParse(json);
      if (!parsed.success) {
        handlers.onInvalid?.(message, parsed.error.message);
        return;
      }
      handlers.onEvent({
        type,
        data: parsed.data,
        ...(message.id === undefined ? {} : { id: message.id }),
      } as StreamEvent);
    },
    onRetry: (ms) => handlers.onRetry?.(ms),
    onComment: (text) => handlers.onComment?.(text.trim()),
  });
  return { feed: (chunk) => parser.feed(chunk), reset: () => parser.reset() };
}
