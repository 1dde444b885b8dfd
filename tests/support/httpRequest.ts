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
 */
export function httpRequest(baseUrl: string, path: string, options: { method?: string; headers?: Record<string, string>; body?: string; from?: string } = {}): Promise<RawAnswer> {
  return new Promise((done, fail) => {
    const req = request(new URL(path, baseUrl), { method: options.method ?? 'GET', localAddress: options.from, headers: options.headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => done({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', fail);
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
