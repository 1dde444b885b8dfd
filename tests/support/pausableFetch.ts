import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** A `fetch` for the page's stream client in Node whose stream bodies can stop being read, as a stalled reader's would. */
export interface PausableFetch {
  fetch: typeof fetch;
  /** Stops reading stream bodies: bytes pile up in Node's, the kernel's and any proxy's buffers. */
  pause(): void;
  /** Reads again. */
  resume(): void;
  /** Bytes of stream bodies handed to the client so far. */
  readonly bytesRead: number;
  /** GET URLs of /api/stream, in order. */
  readonly streams: string[];
}

/**
 * fetch over node:http(s) (a CA for the scaled shape's certificate, the
 * session cookie on every request), whose `/api/stream` bodies pass a gate:
 * while paused nothing is read from the socket, so the kernel stops taking
 * the server's bytes once its buffers are full, exactly as with a browser tab
 * that stopped running.
 */
export function pausableFetch(options: { ca?: string; cookie?: string } = {}): PausableFetch {
  let paused = false;
  let waiting: (() => void)[] = [];
  let bytesRead = 0;
  const streams: string[] = [];

  const gate = (res: IncomingMessage): ReadableStream<Uint8Array> => {
    const chunks: Buffer[] = [];
    let ended = false;
    let wake: (() => void) | null = null;
    res.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      res.pause(); // one chunk at a time: the socket is read only as fast as the client reads
      wake?.();
    });
    res.on('end', () => {
      ended = true;
      wake?.();
    });
    res.on('error', () => {
      ended = true;
      wake?.();
    });
    return new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          while (paused) await new Promise<void>((r) => waiting.push(r));
          while (chunks.length === 0 && !ended) {
            res.resume();
            await new Promise<void>((r) => (wake = r));
            wake = null;
          }
          const chunk = chunks.shift();
          if (chunk) {
            bytesRead += chunk.byteLength;
            controller.enqueue(new Uint8Array(chunk));
          } else controller.close();
        },
        cancel() {
          res.destroy();
        },
      },
      { highWaterMark: 0 },
    );
  };

  const fetchFn = ((input: string | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(String(input));
      const headers: Record<string, string> = {
        ...(init.headers as Record<string, string>),
        ...(options.cookie ? { cookie: options.cookie } : {}),
      };
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, { method: init.method ?? 'GET', headers, agent: false, ca: options.ca }, (res) => {
        const isStream = url.pathname === '/api/stream' && res.statusCode === 200;
        if (isStream) streams.push(url.toString());
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') responseHeaders.set(k, v);
        if (isStream) return resolve(new Response(gate(res), { status: 200, headers: responseHeaders }));
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () =>
          resolve(
            new Response(res.statusCode === 204 ? null : Buffer.concat(parts), {
              status: res.statusCode ?? 500,
              headers: responseHeaders,
            }),
          ),
        );
        res.on('error', reject);
      });
      init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')));
      req.on('error', reject);
      if (init.body) req.write(String(init.body));
      req.end();
    })) as typeof fetch;

  return {
    fetch: fetchFn,
    pause: () => void (paused = true),
    resume() {
      paused = false;
      const ready = waiting;
      waiting = [];
      for (const r of ready) r();
    },
    get bytesRead() {
      return bytesRead;
    },
    streams,
  };
}
