import type { StreamEvent } from '@quoteline/protocol';
import { openTestStream, type TestStream } from './sseClient';
import { lastId, sleep } from './streamTools';

/** One connection of a resuming stream: which instance served it, and when. */
export interface StreamConnection {
  instance: string;
  readyAt: number;
  endedAt?: number;
}

/** A stream that reconnects like an EventSource (after the server's `retry`, with Last-Event-ID), recording every connection. */
export interface ResumingStream {
  connections: StreamConnection[];
  /** ms from a connection's end to the next connection's `ready`, one per resume. */
  resumes: number[];
  /** Statuses of attempts that did not open a stream (0: no answer). */
  failures: number[];
  /** Every event received, over all connections. */
  events: StreamEvent[];
  /** The instance serving the open connection, if one is open. */
  instance(): string | undefined;
  close(): Promise<void>;
}

/**
 * Opens `path` on `baseUrl` and keeps it open: when a connection ends it waits the last `retry` the server sent
 * (else `retryMs`) and reconnects with the last event id, as the browser's EventSource and our client do.
 */
export function resumingStream(
  baseUrl: string,
  path: string,
  { ca, retryMs = 1000 }: { ca?: string; retryMs?: number } = {},
): ResumingStream {
  const stream: ResumingStream = {
    connections: [],
    resumes: [],
    failures: [],
    events: [],
    instance: () =>
      open && stream.connections.at(-1)?.endedAt === undefined ? stream.connections.at(-1)?.instance : undefined,
    close: async () => {
      closed = true;
      open?.close();
      await loop;
    },
  };
  let closed = false;
  let open: TestStream | null = null;
  const loop = (async () => {
    let resumeFrom: string | undefined;
    let endedAt: number | undefined;
    let retry = retryMs;
    while (!closed) {
      if (endedAt !== undefined) await sleep(retry);
      if (closed) break;
      let s: TestStream;
      try {
        s = await openTestStream(
          baseUrl,
          path,
          { Accept: 'text/event-stream', ...(resumeFrom ? { 'Last-Event-ID': resumeFrom } : {}) },
          { ca, headersTimeoutMs: 10_000 },
        );
      } catch {
        stream.failures.push(0);
        endedAt ??= Date.now();
        continue;
      }
      if (s.status !== 200) {
        stream.failures.push(s.status);
        s.close();
        endedAt ??= Date.now();
        continue;
      }
      open = s;
      const ready = await s
        .waitFor((e) => e.some((x) => x.type === 'ready'), 10_000)
        .then(
          () => true,
          () => false,
        );
      if (!ready) {
        s.close();
        continue;
      }
      const at = s.events.findIndex((e) => e.type === 'ready');
      const connection: StreamConnection = {
        instance: (s.events[at]!.data as { instance: string }).instance,
        readyAt: s.arrivals[at]!,
      };
      if (endedAt !== undefined) stream.resumes.push(connection.readyAt - endedAt);
      stream.connections.push(connection);
      await s.ended;
      connection.endedAt = endedAt = Date.now();
      open = null;
      stream.events.push(...s.events);
      resumeFrom = lastId(s.events) ?? resumeFrom;
      retry = s.retries.at(-1) ?? retry;
    }
  })();
  return stream;
}
