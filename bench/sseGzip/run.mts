// `npm run bench:sse-gzip`: does gzip on text/event-stream help through nginx?
// Starts the scaled shape (2 instances, nginx with HTTP/2 + TLS), opens N
// streams asking for gzip and N without, for S seconds, and prints bytes on the
// wire per event and delivery latency (arrival - event ts) for both. Loopback only, bounded.
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGunzip, constants } from 'node:zlib';
import { createStreamParser } from '@quoteline/protocol/parser';
import { freePort } from '../../scripts/servers/process.mjs';
import { printAndSave } from '../savedTable';

const streams = Number(process.env.BENCH_STREAMS ?? 50);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);

interface Result {
  wireBytes: number;
  events: number;
  lags: number[];
}

function measure(url: string, ca: string, gzip: boolean, stopAt: number): Promise<Result> {
  return new Promise((done, fail) => {
    const result: Result = { wireBytes: 0, events: 0, lags: [] };
    const req = request(
      new URL('/api/stream?topics=feed:demo', url),
      { ca, headers: { Accept: 'text/event-stream', ...(gzip ? { 'Accept-Encoding': 'gzip' } : {}) } },
      (res) => {
        if (gzip && res.headers['content-encoding'] !== 'gzip')
          return fail(new Error('nginx did not compress the stream'));
        res.on('data', (chunk: Buffer) => (result.wireBytes += chunk.length));
        const body = gzip ? res.pipe(createGunzip({ flush: constants.Z_SYNC_FLUSH })) : res;
        const parser = createStreamParser({
          onEvent: (event) => {
            if (event.type !== 'update') return;
            result.events++;
            result.lags.push(Date.now() - event.data.ts);
          },
        });
        body.setEncoding('utf8');
        body.on('data', (text: string) => parser.feed(text));
        body.on('error', () => undefined);
      },
    );
    req.on('error', () => undefined);
    req.end();
    setTimeout(() => {
      req.destroy();
      done(result);
    }, stopAt - Date.now());
  });
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? NaN;

const dataDir = mkdtempSync(join(tmpdir(), 'quoteline-bench-gzip-'));
chmodSync(dataDir, 0o755);
const scaled = await import('../../scripts/scaled/shape.mjs');
console.log('starting the scaled shape (2 instances, Redis, PostgreSQL, nginx) …');
const shape = await scaled.startScaledShape({
  dataDir,
  listen: await freePort(),
  appPorts: [await freePort(), await freePort()],
  redisPort: await freePort(),
  postgresPort: await freePort(),
  limits: { streamsPerClient: streams * 2 + 10 },
});
try {
  const ca = readFileSync(shape.tls.cert, 'utf8');
  console.log(`measuring ${streams} gzip and ${streams} plain streams for ${seconds} s …`);
  const stopAt = Date.now() + seconds * 1000;
  const runs = await Promise.all(
    Array.from({ length: streams * 2 }, (_, i) =>
      measure(shape.url, ca, i % 2 === 0, stopAt).then((r) => ({ gzip: i % 2 === 0, ...r })),
    ),
  );
  const rows = [true, false].map((gzip) => {
    const mine = runs.filter((r) => r.gzip === gzip);
    const events = mine.reduce((s, r) => s + r.events, 0);
    const bytes = mine.reduce((s, r) => s + r.wireBytes, 0);
    const lags = mine.flatMap((r) => r.lags).sort((a, b) => a - b);
    return {
      encoding: gzip ? 'gzip' : 'identity',
      events,
      bytesPerEvent: bytes / Math.max(1, events),
      p50: pct(lags, 0.5),
      p99: pct(lags, 0.99),
    };
  });
  const table = [
    '| encoding | events | wire bytes / event | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.encoding} | ${r.events} | ${r.bytesPerEvent.toFixed(1)} | ${r.p50} | ${r.p99} |`),
    '',
    `identity / gzip bytes per event: ${(rows[1]!.bytesPerEvent / rows[0]!.bytesPerEvent).toFixed(1)}×`,
  ].join('\n');
  printAndSave('sse-gzip', table);
} finally {
  await shape.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
