import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HeaderSource } from '../network/peerAddress';
import { errorResponse } from './handle';

/** The parts of a request the platform's routes read: its URL and its headers (as web `Headers.get`). */
export interface RequestHead extends HeaderSource {
  url: URL;
}

/** A Node request's headers as web `Headers.get` reads them (repeated headers joined with ", "). */
export function headersOf(req: IncomingMessage): HeaderSource {
  return {
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
  };
}

/** A Node request's head in the shape the routes read; the host is irrelevant to them (they read paths, queries and headers). */
export function headOf(req: IncomingMessage): RequestHead {
  return { url: new URL(req.url ?? '/', 'http://quoteline.invalid'), ...headersOf(req) };
}

/** Writes a (small, complete) web Response to Node's response: how JSON answers leave a Node route. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

/** Serves a route of a Pages Router API file that answers with a web Response (JSON), as App Router handlers do. */
export function answer(res: ServerResponse, work: () => Promise<Response>): () => Promise<void> {
  return async () => sendResponse(res, await work());
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Serves a Pages Router API route (the stream, orders): dispatches by method
 * (OPTIONS answers 204 with `Allow`, an unlisted method 405 with `Allow`, as the App Router does for its
 * handlers), and turns anything thrown before the answer started into the JSON error answer, as `handle` does.
 */
export async function handleNode(
  req: IncomingMessage,
  res: ServerResponse,
  handlers: Partial<Record<Method, () => Promise<void>>>,
): Promise<void> {
  const allow = [...Object.keys(handlers), 'OPTIONS'].join(', ');
  const handler = handlers[req.method as Method];
  if (!handler) return void res.writeHead(req.method === 'OPTIONS' ? 204 : 405, { Allow: allow }).end();
  try {
    await handler();
  } catch (cause) {
    if (res.headersSent) return void res.destroy();
    // Refused before its body was read to the end (unauthenticated, too large): close after the answer
    // instead of letting Node read and discard the rest of it.
    if (!req.complete) res.setHeader('Connection', 'close');
    await sendResponse(res, errorResponse(cause));
  }
}
