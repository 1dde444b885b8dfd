import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { ErrorBody } from '@quoteline/protocol';

/** What one stream request reports, in the order it happens. */
export interface EventStreamHandlers {
  /** The server answered with the stream (200). */
  onOpen(): void;
  /** One SSE frame (`event`, `data`, and `id` when the frame has one). */
  onMessage(message: EventSourceMessage): void;
  /** The server refused the request (4xx), with its JSON error body when it sent one: retrying the same request would be refused again. */
  onRefused(status: number, body: ErrorBody | null): void;
  /** The stream could not be opened (network, 5xx) or ended: reconnecting may help. */
  onDrop(reason: string): void;
}

/** An open stream request; `close` ends it and silences its handlers. */
export interface EventStream {
  close(): void;
}

/**
 * One SSE request over `fetch`, parsed by eventsource-parser. Unlike the
 * native `EventSource`, it sees why a request failed (the status and the
 * error body naming each refused topic), never reconnects by itself (the
 * connection decides when and with which topics), and reads the body only as
 * fast as the page does, so a reader that stalls can tell.
 */
export function openEventStream(
  url: string,
  init: { fetch: typeof fetch; credentials: boolean },
  handlers: EventStreamHandlers,
): EventStream {
  const abort = new AbortController();
  let closed = false;
  const run = async () => {
    let response: Response;
    try {
      response = await init.fetch(url, {
        headers: { Accept: 'text/event-stream' },
        credentials: init.credentials ? 'include' : 'omit',
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch {
      if (!closed) handlers.onDrop('network');
      return;
    }
    if (closed) return void response.body?.cancel().catch(() => undefined);
    // 4xx is the server's answer to this very request (408 and 429 ask to come back later).
    if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429) {
      const body = (await response.json().catch(() => null)) as ErrorBody | null;
      if (!closed) handlers.onRefused(response.status, body);
      return;
    }
    if (!response.ok || !response.body) {
      void response.body?.cancel().catch(() => undefined);
      if (!closed) handlers.onDrop(`status ${response.status}`);
      return;
    }
    handlers.onOpen();
    const parser = createParser({ onEvent: (message) => !closed && handlers.onMessage(message) });
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done || closed) break;
        parser.feed(value);
      }
    } catch {
      // the connection broke: reported as a drop below
    }
    if (!closed) handlers.onDrop('ended');
  };
  void run();
  return {
    close() {
      closed = true;
      abort.abort();
    },
  };
}
