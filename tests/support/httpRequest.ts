import { request } from 'node:http';

/** An answer read whole. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/**
 * One HTTP/1.1 request with exactly the headers given (fetch may not send
 * Host, and cannot pick its source address): `from` is the local address to
 * send from, e.g. another 127.x address to play a second client or a proxy.
 * With `timeoutMs`, an answer still streaming then (an SSE stream) is cut and
 * returned as far as it came.
 */
export function httpRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; from?: string; timeoutMs?: number } = {},
): Promise<RawAnswer> {
  return new Promise((done, fail) => {
    let answer: RawAnswer | null = null;
    // Node frames a DELETE or OPTIONS body only when told its length.
    const headers =
      options.body === undefined
        ? options.headers
        : { 'Content-Length': String(Buffer.byteLength(options.body)), ...options.headers };
    const req = request(
      new URL(path, baseUrl),
      { method: options.method ?? 'GET', localAddress: options.from, headers },
      (res) => {
        const a: RawAnswer = (answer = { status: res.statusCode!, headers: res.headers, text: '' });
        res.setEncoding('utf8');
        res.on('data', (d: string) => (a.text += d));
        res.on('end', () => done(a));
      },
    );
    if (options.timeoutMs !== undefined)
      setTimeout(() => {
        req.destroy();
        if (answer) done(answer);
        else fail(new Error(`no answer to ${path} within ${options.timeoutMs} ms`));
      }, options.timeoutMs).unref();
    req.on('error', (error) => (answer ? done(answer) : fail(error)));
    req.end(options.body);
  });
}

/** The `error.code` of a JSON error answer, or undefined. */
export function errorCode(answer: RawAnswer): string | undefined {
  try {
    return (JSON.parse(answer.text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}
