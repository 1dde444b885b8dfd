import type { EventType } from './events';

// Server-side SSE framing. A frame is built and UTF-8 encoded exactly once;
// the hub then writes the same bytes to every subscriber.

const encoder = new TextEncoder();

/** Encodes one event as SSE bytes. JSON never contains a raw newline, so `data:` is one line. */
export function encodeEvent(type: EventType, data: unknown, id?: string): Uint8Array {
  const json = JSON.stringify(data);
  const idLine = id === undefined ? '' : `id: ${assertSingleLine(id)}\n`;
  return encoder.encode(`${idLine}event: ${type}\ndata: ${json}\n\n`);
}

/** The `retry:` frame telling a native EventSource how long to wait before reconnecting. */
export function encodeRetry(ms: number): Uint8Array {
  return encoder.encode(`retry: ${Math.max(0, Math.trunc(ms))}\n\n`);
}

/** A comment frame; browsers ignore it, proxies see traffic. */
export function encodeComment(text: string): Uint8Array {
  return encoder.encode(`: ${assertSingleLine(text)}\n\n`);
}

/** The keep-alive comment, encoded once for every connection. */
export const KEEP_ALIVE_FRAME: Uint8Array = encodeComment('keep-alive');

function assertSingleLine(value: string): string {
  if (/[\r\n]/.test(value)) throw new Error('SSE field values must not contain line breaks');
  return value;
}
