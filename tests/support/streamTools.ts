import { connect, type Socket } from 'node:net';
import type { AddEvent, HealthResponse, StreamEvent, UpdateEvent } from '@quoteline/protocol';

/** The log offset inside an id `<epoch>:<offset>`; tests may look inside ids, clients must not. */
export function offsetOf(id: string | undefined): number {
  const m = /^[^:]+:(\d+)$/.exec(id ?? '');
  if (!m) throw new Error(`not a log id: ${String(id)}`);
  return Number(m[1]);
}

/** The id of the newest event that carried one, or undefined. */
export function lastId(events: readonly StreamEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.id !== undefined) return events[i]!.id;
  return undefined;
}

/** `GET /api/health` of a server. */
export async function getHealth(baseUrl: string): Promise<HealthResponse> {
  const response = await fetch(`${baseUrl}/api/health`);
  if (!response.ok) throw new Error(`health answered ${response.status}`);
  return (await response.json()) as HealthResponse;
}

/** Polls `check` every `everyMs` until it returns true; rejects with `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
  everyMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Waits until the server's open stream count is `expected`; returns the last count seen. */
export async function waitForConnections(baseUrl: string, expected: number, timeoutMs = 10_000): Promise<number> {
  let last = -1;
  await waitUntil(
    async () => (last = (await getHealth(baseUrl)).connections) === expected,
    `${expected} connections`,
    timeoutMs,
    100,
  ).catch(() => undefined);
  return last;
}

/** Rows of one topic after applying `add` / `remove` / `update` events in order, as a client would. */
export function foldRows(
  events: readonly StreamEvent[],
  topic: string,
  rows = new Map<string, AddEvent>(),
): Map<string, AddEvent> {
  for (const event of events) {
    if (event.type === 'reset') rows.clear();
    if (event.type === 'add' && event.data.topic === topic) rows.set(event.data.symbol, event.data);
    if (event.type === 'remove' && event.data.topic === topic) rows.delete(event.data.symbol);
    if (event.type === 'update' && event.data.topic === topic) {
      const row = rows.get(event.data.symbol);
      const { price, bid, ask, ts } = event.data as UpdateEvent;
      if (row) rows.set(row.symbol, { ...row, price, bid, ask, ts });
    }
  }
  return rows;
}

/**
 * A raw HTTP/1.1 GET on a plain socket, for clients that misbehave on purpose
 * (stop reading) and for responses that might never send their headers.
 */
export interface RawRequest {
  socket: Socket;
  /** Everything received so far, headers included. */
  text(): string;
  closed(): boolean;
  destroy(): void;
}

/** Sends `GET path` with `headers` on a fresh socket; `paused` stops reading at once (the socket's receive window fills). */
export function rawGet(
  baseUrl: string,
  path: string,
  headers: Record<string, string>,
  options: { paused?: boolean } = {},
): RawRequest {
  const url = new URL(baseUrl);
  const socket = connect(Number(url.port), url.hostname);
  const chunks: Buffer[] = [];
  let closed = false;
  socket.on('data', (d: Buffer) => chunks.push(d));
  socket.on('close', () => (closed = true));
  socket.on('error', () => undefined);
  const head = Object.entries({ Host: url.host, ...headers })
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  socket.write(`GET ${path} HTTP/1.1\r\n${head}\r\n`);
  if (options.paused) socket.pause();
  return {
    socket,
    text: () => Buffer.concat(chunks).toString('utf8'),
    closed: () => closed,
    destroy: () => socket.destroy(),
  };
}
