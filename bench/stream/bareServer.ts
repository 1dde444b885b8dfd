// The physical-limit proxy: a bare node:http server in its own process that
// writes the same kind of SSE frames as the app (same fields, same size, real
// `ts`) at the same rate, each tick's frames encoded ONCE into one buffer and
// written to every connection with one write, with nothing else in the way.
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';

/** How the bare server is started (JSON in argv[2]). */
export interface BareConfig {
  port: number;
  topic: string;
  /** Symbols are `<prefix>0..`, like feedSql's. */
  prefix: string;
  instruments: number;
  tickMs: number;
  keepAliveMs: number;
  maxLifetimeMs: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as BareConfig;
const encoder = new TextEncoder();
const epoch = randomBytes(6).toString('base64url');
const MAX_PENDING_BYTES = 1024 * 1024; // the app's default maxQueueBytes
const clients = new Set<ServerResponse>();
const stats = { delivered: 0, bytes: 0, slowClosed: 0 };
let offset = 0;

// Prices walk in cents like the simulator's, so JSON numbers have the app's lengths.
const cents = Array.from({ length: config.instruments }, () => 10_000);
const wire = (c: number) => c / 100;
const quote = (i: number) => {
  const mid = cents[i]!;
  return {
    topic: config.topic,
    symbol: `${config.prefix}${i}`,
    price: wire(mid),
    bid: wire(mid - 5),
    ask: wire(mid + 5),
  };
};
const frame = (type: string, data: unknown, id?: string) =>
  `${id === undefined ? '' : `id: ${id}\n`}event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

function tick(): void {
  const ts = Date.now();
  let text = '';
  for (let i = 0; i < config.instruments; i++) {
    cents[i] = Math.max(100, cents[i]! + Math.round((Math.random() - 0.5) * 8));
    text += frame('update', { ...quote(i), ts }, `${epoch}:${++offset}`);
  }
  broadcast(encoder.encode(text), config.instruments);
}

function broadcast(bytes: Uint8Array, frames: number): void {
  for (const res of clients) {
    // Mirror the app's bound on unsent bytes, so a stuck reader cannot eat the heap.
    if (res.writableLength > MAX_PENDING_BYTES) {
      stats.slowClosed++;
      res.destroy();
      continue;
    }
    res.write(bytes);
    stats.delivered += frames;
    stats.bytes += bytes.byteLength;
  }
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/health') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(
      JSON.stringify({
        connections: clients.size,
        published: offset,
        stream: { ...stats, conflated: 0, maxPendingBytes: maxPending() },
      }),
    );
    return;
  }
  if (url.pathname !== '/stream' || !/text\/event-stream/.test(req.headers.accept ?? '')) {
    res.writeHead(406).end();
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
  });
  // Same opening as the app: retry, ready, then a snapshot of every instrument.
  let opening =
    'retry: 1000\n\n' +
    frame('ready', {
      connectionId: randomBytes(12).toString('base64url'),
      token: randomBytes(24).toString('base64url'),
      instance: 'bare',
      protocol: 1,
      topics: [config.topic],
    });
  const ts = Date.now();
  for (let i = 0; i < config.instruments; i++)
    opening += frame(
      'add',
      { ...quote(i), name: `${config.prefix} ${i}`, open: 100, decimals: 2, ts },
      `${epoch}:${offset}`,
    );
  res.write(encoder.encode(opening));
  clients.add(res);
  res.on('close', () => clients.delete(res));
});

function maxPending(): number {
  let max = 0;
  for (const res of clients) max = Math.max(max, res.writableLength);
  return max;
}

const ticker = setInterval(tick, config.tickMs);
const keepAlive = setInterval(() => broadcast(encoder.encode(': keep-alive\n\n'), 1), config.keepAliveMs);
server.listen(config.port, '127.0.0.1');

function shutdown(): void {
  clearInterval(ticker);
  clearInterval(keepAlive);
  for (const res of clients) res.destroy();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
setTimeout(shutdown, config.maxLifetimeMs).unref();
