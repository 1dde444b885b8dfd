import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { StreamEvent } from '@quoteline/protocol';
import { createStreamParser } from '@quoteline/protocol/parser';

/** A raw SSE connection for tests: every event, comment and retry it received, and a way to close it. */
export interface TestStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  events: StreamEvent[];
  /** When each event of `events` was parsed (ms since the Unix epoch), index for index; for latency against `ts`. */
  arrivals: number[];
  comments: string[];
  retries: number[];
  /** Chunks as they arrived, with their arrival time, to prove incremental delivery. */
  chunks: { at: number; text: string }[];
  ended: Promise<void>;
  close(): void;
  /** Resolves when `predicate` holds for the events so far, or rejects after `timeoutMs`. */
  waitFor(predicate: (events: StreamEvent[]) => boolean, timeoutMs?: number): Promise<void>;
}

/**
 * Opens `GET path` on the app with node:http or https (no browser), parsing frames with the protocol's parser.
 * With `headersTimeoutMs`, rejects (and destroys the request) when no response head arrives in time.
 */
export function openTestStream(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = { Accept: 'text/event-stream' },
  options: {
    headersTimeoutMs?: number;
    /** PEM of a CA to trust for https (the scaled shape's local certificate) */ ca?: string;
  } = {},
): Promise<TestStream> {
  return new Promise((resolveStream, reject) => {
    const timer =
      options.headersTimeoutMs === undefined
        ? null
        : setTimeout(() => {
            req.destroy();
            reject(new Error(`no response head for GET ${path} within ${options.headersTimeoutMs} ms`));
          }, options.headersTimeoutMs);
    const url = new URL(path, baseUrl);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = request(url, { headers, agent: false, ca: options.ca }, (res) => {
      if (timer) clearTimeout(timer);
      const stream: TestStream = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        arrivals: [],
        comments: [],
        retries: [],
        chunks: [],
        ended: new Promise((done) => res.on('close', () => done())),
        close: () => req.destroy(),
        waitFor(predicate, timeoutMs = 5000) {
          return new Promise((done, fail) => {
            const started = Date.now();
            const check = () => {
              if (predicate(stream.events)) return done();
              if (Date.now() - started > timeoutMs)
                return fail(new Error(`timed out; got ${stream.events.map((e) => e.type).join(',')}`));
              setTimeout(check, 20);
            };
            check();
          });
        },
      };
      const parser = createStreamParser({
        onEvent: (e) => {
          stream.events.push(e);
          stream.arrivals.push(Date.now());
        },
        onComment: (c) => stream.comments.push(c),
        onRetry: (ms) => stream.retries.push(ms),
      });
      res.setEncoding('utf8');
      res.on('data', (text: string) => {
        stream.chunks.push({ at: Date.now(), text });
        parser.feed(text);
      });
      res.on('error', () => undefined);
      resolveStream(stream);
    });
    req.on('error', reject);
    req.end();
  });
}
