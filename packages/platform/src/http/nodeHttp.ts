import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorResponse } from './handle';

/** The parts of a request the platform's routes read: its URL and its headers (as web `Headers.get`). */
export interface RequestHead {
  url: URL;
  headers: { get(name: string): string | null };
}

/** A Node request's head in the shape the routes read; the host is irrelevant to them (they read paths, queries and headers). */
export function headOf(req: IncomingMessage): RequestHead {
  return {
    url: new URL(req.url ?? '/', 'http://quoteline.invalid'),
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
  };
}

/** Writes a (small, complete) web Response to Node's response: how error answers leave a Node route. */
export async function sendResponse(res: ServerResponse, response: Response): Promise<void> {
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(body);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Serves a Pages Router API route that writes Node's response itself (the stream): dispatches by method
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
    if (!res.headersSent) await sendResponse(res, errorResponse(cause));
    else res.destroy();
  }
}
