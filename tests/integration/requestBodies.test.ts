import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/appServer';
import { chunkedUpload, peakRssGrowth } from '../support/chunkedUpload';
import { signIn, type TestSession } from '../support/session';

// Bodies are read as a stream and counted: a huge chunked body (no
// Content-Length) is cut at the route's limit, and a request that is not
// allowed is refused before any of its body is read.

const HUGE = 200 * 1024 * 1024;
let server: AppServer;
let admin: TestSession;
let trader: TestSession;
let pushToken: string;

beforeAll(async () => {
  server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'it-bodies' } });
  admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
  trader = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
  const created = await admin.fetch('/api/admin/feeds', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ slug: 'bodies', name: 'Bodies', source: 'push' }),
  });
  expect(created.status).toBe(201);
  ({ pushToken } = (await created.json()) as { pushToken: string });
});
afterAll(() => server?.stop());

/**
 * A server that answers before reading the body lets the client write only
 * what the route's limit and the socket buffers take (a few MB); one that
 * read on would take all 200 MB. Bytes, not time: the machine may be slow.
 */
const SENT_BEFORE_ANSWER = 16 * 2 ** 20;
const codeOf = (body: string) => (JSON.parse(body) as { error: { code: string } }).error.code;

describe('streamed bodies', () => {
  it('cuts four parallel 200 MB chunked bodies at the route limit: 413 before 16 MB is sent, RSS grows by less than 50 MB', async () => {
    const uploads = [
      ['/api/stream/subscriptions', {}],
      ['/api/session', { Origin: server.url }],
      ['/api/feeds/bodies/ticks', { Authorization: `Bearer ${pushToken}` }],
      // a Pages Router API route: Node's request, not a web one
      ['/api/orders', { Origin: server.url, cookie: trader.cookie, 'Idempotency-Key': 'k-huge' }],
    ] as const;
    const { result, growth } = await peakRssGrowth(server.process.pid!, () =>
      Promise.all(uploads.map(([path, headers]) => chunkedUpload(server.url, path, { headers, totalBytes: HUGE }))),
    );
    console.log(
      `4 × 200 MB chunked: answers ${result.map((r) => `${r.status} in ${r.ms} ms after ${(r.sentBytes / 2 ** 20).toFixed(1)} MB`).join(', ')}; RSS +${(growth / 2 ** 20).toFixed(1)} MB`,
    );
    for (const answer of result) {
      expect(answer.status).toBe(413);
      expect(codeOf(answer.body)).toBe('payload_too_large');
      expect(answer.sentBytes).toBeLessThan(SENT_BEFORE_ANSWER);
    }
    expect(growth).toBeLessThan(50 * 2 ** 20);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  // Every state-changing route with a body: refused before the body is read (a read body would answer 413).
  const refusals: [string, string, string, () => Record<string, string>, number, string][] = [
    ['signed out', 'POST', '/api/admin/feeds', () => ({ Origin: server.url }), 401, 'unauthorized'],
    ['a trader', 'POST', '/api/admin/feeds', () => ({ Origin: server.url, cookie: trader.cookie }), 403, 'forbidden'],
    ['signed out', 'PATCH', '/api/admin/feeds/demo', () => ({ Origin: server.url }), 401, 'unauthorized'],
    ['signed out', 'POST', '/api/admin/feeds/demo/instruments', () => ({ Origin: server.url }), 401, 'unauthorized'],
    [
      'a trader',
      'POST',
      '/api/admin/feeds/demo/instruments',
      () => ({ Origin: server.url, cookie: trader.cookie }),
      403,
      'forbidden',
    ],
    [
      'signed out',
      'POST',
      '/api/admin/feeds/bodies/replay',
      () => ({ Origin: server.url, 'Content-Type': 'text/csv' }),
      401,
      'unauthorized',
    ],
    ['signed out', 'POST', '/api/admin/embed-keys', () => ({ Origin: server.url }), 401, 'unauthorized'],
    [
      'a cross-site admin',
      'POST',
      '/api/admin/embed-keys',
      () => ({ Origin: 'https://evil.example', cookie: admin.cookie }),
      403,
      'forbidden',
    ],
    ['no push token', 'POST', '/api/feeds/bodies/ticks', () => ({}), 401, 'unauthorized'],
    [
      'a wrong push token',
      'POST',
      '/api/feeds/bodies/ticks',
      () => ({ Authorization: 'Bearer push_wrong' }),
      403,
      'forbidden',
    ],
    [
      'signed out',
      'POST',
      '/api/orders',
      () => ({ Origin: server.url, 'Idempotency-Key': 'k-1' }),
      401,
      'unauthorized',
    ],
    ['a cross-site page', 'POST', '/api/session', () => ({ Origin: 'https://evil.example' }), 403, 'forbidden'],
  ];
  it.each(refusals)(
    'refuses %s on %s %s before reading its 200 MB body',
    async (_who, method, path, headers, status, code) => {
      const answer = await chunkedUpload(server.url, path, { method, headers: headers(), totalBytes: HUGE });
      expect(answer.status).toBe(status);
      expect(codeOf(answer.body)).toBe(code);
      expect(answer.sentBytes).toBeLessThan(SENT_BEFORE_ANSWER);
    },
  );
});
