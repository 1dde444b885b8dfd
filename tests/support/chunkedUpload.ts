import { readFileSync } from 'node:fs';
import { connect } from 'node:net';

/** What the server answered to a streamed upload, and how much of the body it took first. */
export interface UploadAnswer {
  status: number;
  /** The answer's body (when it came before the socket closed). */
  body: string;
  /** From the first byte sent to the status line. */
  ms: number;
  /** Body bytes written before the status line arrived. */
  sentBytes: number;
}

/**
 * POSTs `totalBytes` as a `Transfer-Encoding: chunked` body (no Content-Length)
 * over a raw socket, as fast as the server takes it, and stops sending as soon
 * as the server answers (or after `timeoutMs`, failing). This is what a client
 * streaming a huge body does; fetch would hide when the answer came.
 */
export function chunkedUpload(
  baseUrl: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; totalBytes: number; timeoutMs?: number },
): Promise<UploadAnswer> {
  const url = new URL(baseUrl);
  const chunk = Buffer.alloc(64 * 1024, 'x'.charCodeAt(0));
  const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
  const head = [
    `${options.method ?? 'POST'} ${path} HTTP/1.1`,
    `Host: ${url.host}`,
    'Transfer-Encoding: chunked',
    ...Object.entries({ 'Content-Type': 'application/json', ...options.headers }).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  return new Promise((done, fail) => {
    const socket = connect(Number(url.port), url.hostname);
    const started = Date.now();
    let sent = 0;
    let answered: { status: number; ms: number; sentBytes: number } | null = null;
    let received = '';
    const timer = setTimeout(
      () => finish(new Error(`no answer to ${path} within ${options.timeoutMs ?? 20_000} ms (${sent} bytes sent)`)),
      options.timeoutMs ?? 20_000,
    );
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.destroy();
      if (error && !answered) return fail(error);
      const body = received.includes('\r\n\r\n')
        ? decodeChunked(received.slice(received.indexOf('\r\n\r\n') + 4), received)
        : '';
      done({ ...answered!, body });
    };
    const pump = () => {
      while (!answered && sent < options.totalBytes) {
        sent += chunk.length;
        if (!socket.write(framed)) return void socket.once('drain', pump);
      }
      if (!answered) socket.write('0\r\n\r\n');
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
    socket.on('data', (data) => {
      received += data.toString('latin1');
      if (!answered) {
        const line = /^HTTP\/1\.1 (\d{3})/.exec(received);
        if (line) answered = { status: Number(line[1]), ms: Date.now() - started, sentBytes: sent };
      }
      if (answered && isComplete(received)) finish();
    });
    socket.on('error', (error) => (answered ? finish() : finish(error)));
    socket.on('close', () =>
      finish(
        answered
          ? undefined
          : new Error(`the server closed the connection to ${path} without an answer (${sent} bytes sent)`),
      ),
    );
  });
}

function isComplete(raw: string): boolean {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) return false;
  const headers = raw.slice(0, split).toLowerCase();
  const rest = raw.slice(split + 4);
  const length = /content-length: (\d+)/.exec(headers);
  if (length) return rest.length >= Number(length[1]);
  return headers.includes('transfer-encoding: chunked') ? rest.endsWith('0\r\n\r\n') : false;
}

function decodeChunked(rest: string, raw: string): string {
  if (!raw.slice(0, raw.indexOf('\r\n\r\n')).toLowerCase().includes('transfer-encoding: chunked')) return rest;
  let out = '';
  for (let at = 0; at < rest.length;) {
    const eol = rest.indexOf('\r\n', at);
    const size = parseInt(rest.slice(at, eol), 16);
    if (!size) break;
    out += rest.slice(eol + 2, eol + 2 + size);
    at = eol + 2 + size + 2;
  }
  return out;
}

/** Resident memory of a process in bytes (VmRSS of /proc/<pid>/status). */
export function rssOf(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kb) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kb[1]) * 1024;
}

/** Samples a process's RSS every `everyMs` while `work` runs; answers the work's result and the peak growth over the RSS before it. */
export async function peakRssGrowth<T>(
  pid: number,
  work: () => Promise<T>,
  everyMs = 20,
): Promise<{ result: T; growth: number }> {
  const before = rssOf(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), everyMs);
  try {
    const result = await work();
    peak = Math.max(peak, rssOf(pid));
    return { result, growth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}
