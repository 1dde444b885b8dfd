import { connect, type Socket } from 'node:net';
import { ChunkedDecoder, type BodySlice } from './chunkedDecoder';

/** Where to open one SSE stream. */
export interface RawStreamTarget {
  port: number;
  path: string;
  /** Limit to receive the response head. */
  timeoutMs: number;
}

/** What happens to one stream: it opens (200) or fails once, then body slices, then at most one close. */
export interface RawStreamHandlers {
  opened(): void;
  failed(reason: string): void;
  body: BodySlice;
  /** The stream ended after it had opened (server closed it, or the socket broke). */
  closed(): void;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * One `GET` with `Accept: text/event-stream` over a raw TCP socket to
 * 127.0.0.1: HTTP/1.1 written by hand and the response head read once, so
 * a connection costs a socket and two small objects, not node:http's
 * request/response streams.
 */
export function openRawStream(target: RawStreamTarget, handlers: RawStreamHandlers): Socket {
  const socket = connect({ host: '127.0.0.1', port: target.port });
  socket.setNoDelay(true);
  let head: Buffer | null = Buffer.alloc(0);
  let decoder: ChunkedDecoder | null = null;
  let state: 'connecting' | 'open' | 'done' = 'connecting';

  const fail = (reason: string) => {
    if (state !== 'connecting') return;
    state = 'done';
    clearTimeout(timer);
    handlers.failed(reason);
    socket.destroy();
  };
  const timer = setTimeout(() => fail('timeout'), target.timeoutMs);

  socket.on('connect', () => {
    socket.write(
      `GET ${target.path} HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\nAccept: text/event-stream\r\nConnection: keep-alive\r\n\r\n`,
    );
  });
  socket.on('data', (chunk: Buffer) => {
    if (state === 'done') return;
    if (head === null) return body(chunk, 0);
    head = head.length ? Buffer.concat([head, chunk]) : chunk;
    const end = head.indexOf(HEAD_END);
    if (end === -1) return;
    const text = head.toString('latin1', 0, end);
    const buffered = head;
    head = null;
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0);
    if (status !== 200) return fail(`http_${status}`);
    if (/\r\ntransfer-encoding:\s*chunked/i.test(text)) decoder = new ChunkedDecoder();
    state = 'open';
    clearTimeout(timer);
    handlers.opened();
    body(buffered, end + HEAD_END.length);
  });
  socket.on('error', (error: NodeJS.ErrnoException) => fail(error.code ?? 'error'));
  socket.on('close', () => {
    if (state === 'open') {
      state = 'done';
      handlers.closed();
    } else fail('closed_before_head');
  });

  function body(buf: Buffer, start: number): void {
    if (start >= buf.length) return;
    try {
      if (decoder) decoder.push(buf, handlers.body, start, buf.length);
      else handlers.body(buf, start, buf.length);
    } catch {
      socket.destroy();
    }
  }
  return socket;
}
