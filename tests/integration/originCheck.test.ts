import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoutes } from '../support/apiRoutes';
import { startAppServer, type AppServer } from '../support/appServer';
import { errorCode, httpRequest } from '../support/httpRequest';
import { signIn, type TestSession } from '../support/session';

// State-changing requests must come from one of the app's public origins (by
// default the address it listens on). X-Forwarded-Host and Host count only
// as a trusted proxy forwards them: this app trusts 127.0.0.2, and requests
// from 127.0.0.1 come from an ordinary client.

let server: AppServer;
let admin: TestSession;
let leaving: TestSession;

beforeAll(async () => {
  server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'it-origin', TRUSTED_PROXIES: '127.0.0.2' } });
  admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
  leaving = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
});
afterAll(() => server?.stop());

const json = { 'Content-Type': 'application/json' };

/** Every state-changing request, with a body it would be accepted with (or refused for a reason other than its origin). */
const stateChanging: [
  method: string,
  pattern: string,
  path: string,
  extra: () => { headers?: Record<string, string>; body?: string },
][] = [
  [
    'POST',
    '/api/admin/embed-keys',
    '/api/admin/embed-keys',
    () => ({
      headers: json,
      body: JSON.stringify({ label: 'Evil', origins: ['https://evil.example'], feeds: ['demo'] }),
    }),
  ],
  ['DELETE', '/api/admin/embed-keys/[key]', '/api/admin/embed-keys/pk_demo_localhost_only', () => ({})],
  [
    'POST',
    '/api/admin/feeds',
    '/api/admin/feeds',
    () => ({ headers: json, body: JSON.stringify({ slug: 'evil', name: 'Evil', source: 'simulator' }) }),
  ],
  [
    'PATCH',
    '/api/admin/feeds/[slug]',
    '/api/admin/feeds/demo',
    () => ({ headers: json, body: JSON.stringify({ name: 'Evil' }) }),
  ],
  ['DELETE', '/api/admin/feeds/[slug]', '/api/admin/feeds/demo?confirm=true', () => ({})],
  [
    'POST',
    '/api/admin/feeds/[slug]/instruments',
    '/api/admin/feeds/demo/instruments',
    () => ({ headers: json, body: JSON.stringify({ symbol: 'EVIL', name: 'Evil', price: 1 }) }),
  ],
  ['DELETE', '/api/admin/feeds/[slug]/instruments/[symbol]', '/api/admin/feeds/demo/instruments/ACME', () => ({})],
  ['POST', '/api/admin/feeds/[slug]/pause', '/api/admin/feeds/demo/pause', () => ({})],
  ['POST', '/api/admin/feeds/[slug]/resume', '/api/admin/feeds/demo/resume', () => ({})],
  ['POST', '/api/admin/feeds/[slug]/push-token', '/api/admin/feeds/demo/push-token', () => ({})],
  [
    'POST',
    '/api/admin/feeds/[slug]/replay',
    '/api/admin/feeds/demo/replay',
    () => ({ headers: { 'Content-Type': 'text/csv' }, body: 'timestamp,symbol,price\n2024-01-01T00:00:00Z,ACME,1\n' }),
  ],
  [
    'POST',
    '/api/orders',
    '/api/orders',
    () => ({
      headers: { ...json, 'Idempotency-Key': crypto.randomUUID() },
      body: JSON.stringify({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 }),
    }),
  ],
  ['DELETE', '/api/orders/[id]', '/api/orders/some-order', () => ({})],
  [
    'POST',
    '/api/session',
    '/api/session',
    () => ({ headers: json, body: JSON.stringify({ email: 'admin@example.com', password: 'quoteline-admin' }) }),
  ],
  ['DELETE', '/api/session', '/api/session', () => ({ headers: { cookie: leaving.cookie } })],
];
/** State-changing routes without an Origin check, and why. */
const exempt: Record<string, string> = {
  'POST /api/feeds/[slug]/ticks': 'server to server with a push token, no cookies',
  'POST /api/stream/subscriptions': 'the connection token in the body is the proof; embeds post from other origins',
  'POST /api/test/streams/drop': 'test hook, off unless QUOTELINE_TEST_HOOKS=1',
  'POST /api/test/clock': 'test hook, off unless QUOTELINE_TEST_HOOKS=1',
  'POST /api/test/noop': 'test hook, off unless QUOTELINE_TEST_HOOKS=1',
  ...Object.fromEntries(
    ['POST', 'PUT', 'PATCH', 'DELETE'].map((m) => [
      `${m} /api/bad-url`,
      'changes nothing: answers 400 to paths that do not decode',
    ]),
  ),
};

const send = (
  path: string,
  method: string,
  headers: Record<string, string>,
  extra: { headers?: Record<string, string>; body?: string },
  from?: string,
) =>
  httpRequest(server.url, path, {
    method,
    from,
    headers: { cookie: admin.cookie, ...headers, ...extra.headers },
    body: extra.body,
  });

describe('the Origin check', () => {
  it('covers every state-changing route of the app', () => {
    const found = appRoutes().flatMap((r) =>
      r.methods.filter((m) => !['GET', 'HEAD', 'OPTIONS'].includes(m)).map((m) => `${m} ${r.pattern}`),
    );
    const listed = [...stateChanging.map(([m, pattern]) => `${m} ${pattern}`), ...Object.keys(exempt)];
    expect(found.sort()).toEqual([...new Set(listed)].sort());
  });

  it.each(stateChanging)(
    'refuses %s %s from https://evil.example naming itself in X-Forwarded-Host and Host',
    async (method, _pattern, path, extra) => {
      const answer = await send(
        path,
        method,
        {
          Origin: 'https://evil.example',
          'X-Forwarded-Host': 'evil.example',
          Host: 'evil.example',
          'X-Forwarded-Proto': 'https',
        },
        extra(),
      );
      expect(answer.status).toBe(403);
      expect(errorCode(answer)).toBe('forbidden');
    },
  );

  it('refuses a foreign Origin even through the trusted proxy, when the proxy forwards our host', async () => {
    const answer = await send(
      '/api/admin/feeds/demo/pause',
      'POST',
      { Origin: 'https://evil.example', 'X-Forwarded-Host': 'quotes.test', Host: 'quotes.test' },
      {},
      '127.0.0.2',
    );
    expect(answer.status).toBe(403);
  });

  it("accepts the app's own listening address under each loopback name, and the origin the trusted proxy forwards", async () => {
    const port = new URL(server.url).port;
    for (const origin of [server.url, `http://localhost:${port}`, `http://[::1]:${port}`]) {
      expect((await send('/api/admin/feeds/demo/pause', 'POST', { Origin: origin }, {})).status).toBe(200);
      expect((await send('/api/admin/feeds/demo/resume', 'POST', { Origin: origin }, {})).status).toBe(200);
    }
    const viaProxy = {
      Origin: 'https://quotes.test:8443',
      'X-Forwarded-Host': 'quotes.test:8443',
      'X-Forwarded-Proto': 'https',
      Host: 'quotes.test:8443',
    };
    expect((await send('/api/admin/feeds/demo/pause', 'POST', viaProxy, {}, '127.0.0.2')).status).toBe(200);
    expect((await send('/api/admin/feeds/demo/resume', 'POST', viaProxy, {}, '127.0.0.2')).status).toBe(200);
    expect((await send('/api/admin/feeds/demo/pause', 'POST', viaProxy, {})).status).toBe(403); // the same headers from a client
  });

  it('marks the session cookie Secure when the trusted proxy says the client used TLS, not when a client says so', async () => {
    const signInFrom = (from: string) =>
      httpRequest(server.url, '/api/session', {
        method: 'POST',
        from,
        headers: {
          ...json,
          Origin: 'https://quotes.test',
          'X-Forwarded-Host': 'quotes.test',
          'X-Forwarded-Proto': 'https',
        },
        body: JSON.stringify({ email: 'trader@example.com', password: 'quoteline-trader' }),
      });
    const proxied = await signInFrom('127.0.0.2');
    expect(proxied.status).toBe(200);
    expect(String(proxied.headers['set-cookie'])).toMatch(/; Secure/);
    const direct = await httpRequest(server.url, '/api/session', {
      method: 'POST',
      headers: { ...json, Origin: server.url, 'X-Forwarded-Proto': 'https' },
      body: JSON.stringify({ email: 'trader@example.com', password: 'quoteline-trader' }),
    });
    expect(direct.status).toBe(200);
    expect(String(direct.headers['set-cookie'])).not.toMatch(/Secure/);
  });
});

describe('with PUBLIC_ORIGIN configured', () => {
  let configured: AppServer;
  beforeAll(async () => {
    configured = await startAppServer({
      env: {
        QUOTELINE_INSTANCE: 'it-origin-2',
        PUBLIC_ORIGIN: 'https://quotes.test, https://www.quotes.test',
        TRUSTED_PROXIES: '127.0.0.2',
      },
    });
  });
  afterAll(() => configured?.stop());

  it('accepts exactly those origins: not the listening address, not what the trusted proxy forwards', async () => {
    const signInFrom = (origin: string, from?: string, headers: Record<string, string> = {}) =>
      httpRequest(configured.url, '/api/session', {
        method: 'POST',
        from,
        headers: { ...json, Origin: origin, ...headers },
        body: JSON.stringify({ email: 'nobody@example.com', password: 'x' }),
      });
    expect((await signInFrom('https://quotes.test')).status).toBe(401); // past the Origin check: wrong credentials
    expect((await signInFrom('https://www.quotes.test')).status).toBe(401);
    expect((await signInFrom(configured.url)).status).toBe(403);
    expect(
      (
        await signInFrom('https://other.test', '127.0.0.2', {
          'X-Forwarded-Host': 'other.test',
          'X-Forwarded-Proto': 'https',
        })
      ).status,
    ).toBe(403);
  });
});
