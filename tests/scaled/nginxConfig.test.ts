import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../scripts/lib.mjs';
import { checkNginxConfig, renderNginxConfig, startNginx, writeNginxConfig } from '../../scripts/servers/nginx.mjs';
import { ensureLocalhostCertificate } from '../../scripts/servers/tls.mjs';
import { freePort, startAppServer, type AppServer } from '../support/appServer';
import { openTestStream } from '../support/sseClient';

const prefix = mkdtempSync(join(tmpdir(), 'quoteline-nginx-'));
afterAll(() => rmSync(prefix, { recursive: true, force: true }));

const rendered = () => renderNginxConfig({ prefix, listen: 8443, cert: 'c', key: 'k', upstreamPorts: [1, 2] });

describe('nginx config (nginx/quoteline.conf.template)', () => {
  it('passes `nginx -t` with a local certificate and three upstreams, without a warning', async () => {
    const tls = await ensureLocalhostCertificate(join(prefix, 'tls'));
    const file = writeNginxConfig({ prefix, listen: 18443, ...tls, upstreamPorts: [3101, 3102, 3103] });
    await expect(checkNginxConfig(file, prefix)).resolves.toBeDefined();
    const said = await run('nginx', ['-t', '-p', prefix, '-c', file]);
    expect(said).not.toMatch(/\[(warn|emerg|alert)\]/);
  });

  it('serves HTTP/2 over TLS, balances by least connections and leaves the stream unbuffered', () => {
    const text = rendered();
    expect(text).toMatch(/listen 8443 ssl http2;/);
    expect(text).toMatch(
      /upstream quoteline \{\s+zone \w+ \d+k;\s+least_conn;\s+server 127\.0\.0\.1:1 [^;]*;\s+server 127\.0\.0\.1:2 /,
    );
    const stream = /location = \/api\/stream \{([^}]*)\}/.exec(text)?.[1] ?? '';
    expect(stream).toMatch(/proxy_buffering off;/);
    expect(stream).toMatch(/proxy_read_timeout 1h;/);
    expect(stream).toMatch(/limit_conn streams \d+;/);
    expect(text).toMatch(/proxy_http_version 1\.1;/);
    expect(text).toMatch(/limit_req_status 429;/);
    expect(text).not.toMatch(/\{\{/);
  });

  it('judges instances passively without ejecting one on a single failure, and retries only what nginx may resend', () => {
    const text = rendered();
    // Shared by the workers: one view of failures and connection counts.
    expect(/upstream quoteline \{([^}]*)\}/.exec(text)?.[1]).toMatch(/^\s*zone \w+ \d+k;/m);
    for (const server of text.match(/^\s*server 127\.0\.0\.1:\d+[^;]*;/gm) ?? []) {
      const maxFails = Number(/max_fails=(\d+)/.exec(server)?.[1] ?? 1);
      expect(maxFails, server).toBeGreaterThan(1);
      expect(server).toMatch(/fail_timeout=\d+s/);
    }
    const next = /proxy_next_upstream ([^;]*);/.exec(text)?.[1] ?? '';
    expect(next.split(/\s+/).sort()).toEqual(['error', 'timeout']);
    expect(text).not.toMatch(/non_idempotent/);
  });

  it('bounds idle connections, drains old workers after a reload and has file descriptors for every connection', () => {
    const text = rendered();
    expect(text).not.toMatch(/http2_idle_timeout/);
    // An open stream is a request in progress, not an idle connection: idle ones need no hour.
    const idle = /^\s*keepalive_timeout (\d+)s;/m.exec(/server \{[\s\S]*/.exec(text)![0]);
    expect(Number(idle?.[1])).toBeLessThanOrEqual(120);
    expect(Number(/worker_shutdown_timeout (\d+)s;/.exec(text)?.[1])).toBeGreaterThan(0);
    const connections = Number(/worker_connections (\d+);/.exec(text)?.[1]);
    expect(Number(/worker_rlimit_nofile (\d+);/.exec(text)?.[1])).toBeGreaterThanOrEqual(2 * connections);
    expect(text).toMatch(/ssl_ciphers [A-Z0-9:-]+;/);
    expect(text).toMatch(/ssl_prefer_server_ciphers (on|off);/);
  });
});

// The same config in front of a real (built) app instance.
describe('nginx in front of an app instance', () => {
  let app: AppServer;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  let ca: string;
  let listen: number;
  const front = join(prefix, 'front');

  beforeAll(async () => {
    app = await startAppServer();
    const tls = await ensureLocalhostCertificate(join(prefix, 'tls'));
    ca = readFileSync(tls.cert, 'utf8');
    listen = await freePort();
    nginx = await startNginx({ prefix: front, listen, ...tls, upstreamPorts: [Number(new URL(app.url).port)] });
  });

  afterAll(async () => {
    await nginx?.stop();
    await app?.stop();
  });

  /** GET through nginx: status, headers as sent (repeats kept) and body. */
  const get = (path: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; raw: string[]; body: string }>((done, fail) => {
      const req = request({ host: 'localhost', port: listen, path, ca, headers, agent: false }, (res) => {
        let body = '';
        res.setEncoding('latin1');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => done({ status: res.statusCode ?? 0, raw: res.rawHeaders, body }));
      });
      req.on('error', fail);
      req.end();
    });
  /** Every value of header `name` as sent, one per line it was sent on. */
  const values = (raw: string[], name: string) =>
    raw.flatMap((v, i) => (i % 2 === 0 && v.toLowerCase() === name ? [raw[i + 1]!] : []));

  it('names Accept-Encoding once in Vary, on pages, JSON, assets and the stream', async () => {
    const page = await get('/');
    const asset = /\/_next\/static\/[^"]+\.js/.exec(page.body)?.[0];
    expect(asset).toBeDefined();
    for (const [path, headers] of [
      ['/', {}],
      ['/', { 'Accept-Encoding': 'gzip' }],
      ['/api/instruments/ACME/candles?interval=1m&limit=2', {}],
      [asset!, {}],
      [asset!, { 'Accept-Encoding': 'gzip' }],
    ] as const) {
      const answer = await get(path, headers);
      const mentions = values(answer.raw, 'vary')
        .join(',')
        .split(',')
        .filter((v) => v.trim().toLowerCase() === 'accept-encoding');
      expect({ path, headers, mentions: mentions.length }).toEqual({ path, headers, mentions: 1 });
    }
    const stream = await openTestStream(
      `https://localhost:${listen}`,
      '/api/stream?topics=feed:demo',
      { Accept: 'text/event-stream', 'Accept-Encoding': 'gzip' },
      { ca },
    );
    stream.close();
    const vary = ([] as string[]).concat(stream.headers.vary ?? []).join(',');
    expect(vary.split(',').filter((v) => v.trim().toLowerCase() === 'accept-encoding')).toHaveLength(1);
    expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
  });

  it('lets no cache keep a page (Next.js marks prerendered pages s-maxage=31536000), and keeps the assets immutable', async () => {
    const direct = await fetch(`${app.url}/`);
    console.log(
      `Cache-Control of the trader page from the app: ${direct.headers.get('cache-control')}; through nginx: ${values((await get('/')).raw, 'cache-control').join(' | ')}`,
    );
    for (const path of ['/', '/widgets', '/signin']) {
      const answer = await get(path);
      expect(values(answer.raw, 'content-type')[0]).toMatch(/^text\/html/);
      expect(values(answer.raw, 'cache-control')).toEqual(['no-cache']);
    }
    const asset = /\/_next\/static\/[^"]+\.js/.exec((await get('/')).body)![0];
    expect(values((await get(asset)).raw, 'cache-control')).toEqual(['public, max-age=31536000, immutable']);
    expect(values((await get('/api/instruments/ACME/candles?interval=1m&limit=2')).raw, 'cache-control')).toEqual([
      'no-store',
    ]);
  });

  it('closes kept-alive connections to an instance before Node does (its keepAliveTimeout)', async () => {
    const keepAlive = (await fetch(`${app.url}/api/health`)).headers.get('keep-alive') ?? '';
    const nodeSeconds = Number(/timeout=(\d+)/.exec(keepAlive)?.[1]);
    const upstream = /upstream quoteline \{([^}]*)\}/.exec(readFileSync(nginx.file, 'utf8'))![1]!;
    const nginxSeconds = Number(/keepalive_timeout (\d+)s;/.exec(upstream)?.[1] ?? 60);
    console.log(`idle upstream connections: nginx keeps them ${nginxSeconds} s, the instance ${nodeSeconds} s`);
    expect(nodeSeconds).toBeGreaterThan(0);
    expect(nginxSeconds).toBeLessThan(nodeSeconds);
  });

  it('speaks only forward-secret AEAD suites on TLS 1.2', async () => {
    const handshake = (ciphers: string) =>
      new Promise<string>((done) => {
        const socket = connect(
          { host: 'localhost', port: listen, ca, servername: 'localhost', ciphers, maxVersion: 'TLSv1.2' },
          () => {
            done(socket.getCipher().standardName);
            socket.end();
          },
        );
        socket.on('error', () => done('refused'));
      });
    expect(await handshake('ECDHE-RSA-AES128-GCM-SHA256')).toBe('TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256');
    expect(await handshake('AES128-SHA')).toBe('refused');
    expect(await handshake('ECDHE-RSA-AES128-SHA')).toBe('refused');
  });

  it('gives its workers file descriptors for every connection they may hold', () => {
    const workers = execFileSync('ps', ['-o', 'pid=', '--ppid', String(nginx.pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/)
      .map(Number);
    const connections = Number(/worker_connections (\d+);/.exec(readFileSync(nginx.file, 'utf8'))![1]);
    for (const pid of workers) {
      const soft = Number(/^Max open files\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1]);
      expect(soft).toBeGreaterThanOrEqual(2 * connections);
    }
  });

  it("after a reload, ends the old workers' streams within worker_shutdown_timeout, and they resume on the new workers", async () => {
    const streams = await Promise.all(
      Array.from({ length: 2 }, () =>
        openTestStream(
          `https://localhost:${listen}`,
          '/api/stream?topics=feed:demo',
          { Accept: 'text/event-stream' },
          { ca },
        ),
      ),
    );
    await Promise.all(streams.map((s) => s.waitFor((e) => e.some((x) => x.type === 'update'), 10_000)));
    const drainSeconds = Number(/worker_shutdown_timeout (\d+)s;/.exec(readFileSync(nginx.file, 'utf8'))?.[1] ?? 0);
    const reloadedAt = Date.now();
    await nginx.reload({ upstreamPorts: [Number(new URL(app.url).port)] });
    const limitMs = Math.max(drainSeconds, 10) * 1000 + 5_000;
    const ended = await Promise.race([
      Promise.all(streams.map((s) => s.ended)).then(() => Date.now() - reloadedAt),
      new Promise<number>((done) => setTimeout(() => done(-1), limitMs)),
    ]);
    console.log(
      ended < 0
        ? `after nginx -s reload, the old worker still held the streams ${limitMs} ms later`
        : `after nginx -s reload, the old worker closed its streams within ${ended} ms`,
    );
    for (const s of streams) s.close();
    expect(ended).toBeGreaterThan(0);
    expect(ended).toBeLessThanOrEqual(drainSeconds * 1000 + 3_000);
    const again = await openTestStream(
      `https://localhost:${listen}`,
      '/api/stream?topics=feed:demo',
      { Accept: 'text/event-stream' },
      { ca },
    );
    await again.waitFor((e) => e.some((x) => x.type === 'ready'), 10_000);
    again.close();
  });
});
