import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRoutes, type AppRoute } from '../support/apiRoutes';
import { startAppServer, type AppServer } from '../support/appServer';
import { errorCode, httpRequest } from '../support/httpRequest';

// Malformed percent-encoding, in the session cookie or in a path parameter,
// is the client's mistake: a 4xx with the JSON error shape, never a 500, and
// nothing logged as an error.

let server: AppServer;
let output = '';

beforeAll(async () => {
  server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'it-encoding' } });
  server.process.stdout?.on('data', (d: Buffer) => (output += d));
  server.process.stderr?.on('data', (d: Buffer) => (output += d));
});
afterAll(() => server?.stop());

/** A valid value for each path parameter of the app's routes. */
const VALID: Record<string, string> = {
  slug: 'demo',
  symbol: 'ACME',
  key: 'pk_demo_localhost_only',
  id: 'no-such-order',
  file: 'no-such-file.js',
};
const pathOf = (route: AppRoute, values: Record<string, string>) =>
  route.pattern.replace(/\[([^\]]+)\]/g, (_, name: string) => values[name] ?? VALID[name]!);
const routes = appRoutes();
/** Routes that answer a signed-out request with 401: they need a session. */
const needsSession = (route: AppRoute) => /^\/api\/(admin|orders|portfolio)\b/.test(route.pattern);

describe('a malformed session cookie', () => {
  const cases = routes.flatMap((r) => r.methods.filter((m) => m !== 'OPTIONS').map((m) => [m, r.pattern, r] as const));
  it.each(cases)(
    '%s %s answers as signed out (401 where a session is needed), never 500',
    async (method, _pattern, route) => {
      const answer = await httpRequest(server.url, pathOf(route, {}), {
        method,
        headers: {
          cookie: 'ql_session=%E0%A4%A',
          Origin: server.url,
          Accept: route.pattern === '/api/stream' ? 'text/event-stream' : '*/*',
        },
        timeoutMs: route.pattern === '/api/stream' ? 1_000 : undefined,
      });
      expect(answer.status).toBeLessThan(500);
      if (needsSession(route)) {
        expect(answer.status).toBe(401);
        expect(errorCode(answer)).toBe('unauthorized');
      }
      if (answer.status >= 400 && route.pattern.startsWith('/api/') && method !== 'HEAD')
        expect(errorCode(answer)).toBeDefined();
    },
  );

  it('leaves pages working and logs no URIError', async () => {
    for (const page of ['/', '/signin', '/admin', '/widgets'])
      expect((await httpRequest(server.url, page, { headers: { cookie: 'ql_session=%E0%A4%A' } })).status).toBe(200);
    expect(output).not.toMatch(/URIError|unexpected error/);
  });
});

describe('malformed percent-encoding in a path parameter', () => {
  const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  const cases = routes.flatMap((r) =>
    r.params.flatMap((param) => METHODS.map((m) => [m, pathOf(r, { [param]: '%ZZ' }), r] as const)),
  );

  it('covers every dynamic route', () => {
    const dynamic = routes.filter((r) => r.params.length > 0);
    console.log(
      `${dynamic.length} dynamic route files, ${dynamic.reduce((n, r) => n + r.methods.length, 0)} handlers, ${cases.length} requests`,
    );
    expect(dynamic.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)('%s %s answers 400 with the JSON error shape', async (method, path) => {
    const answer = await httpRequest(server.url, path, {
      method,
      headers: { Origin: server.url, 'Content-Type': 'application/json' },
      body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
    });
    expect(answer.status).toBe(400);
    if (method !== 'HEAD') {
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(errorCode(answer)).toBe('bad_request');
    }
  });

  it.each(['%E0%A4%A', '%FF', '%C0%80', '%ED%A0%80', 'ok%', '%4'])(
    'answers 400 for %s too, and decodes a well-formed escape as before',
    async (bad) => {
      expect((await httpRequest(server.url, `/api/instruments/${bad}/candles`)).status).toBe(400);
      expect((await httpRequest(server.url, '/api/instruments/%41CME/candles')).status).toBe(200); // %41 is "A"
    },
  );

  it('logs nothing at error level', () => {
    expect(output).not.toMatch(/URIError|DecodeError|unexpected error|Internal Server Error/);
  });
});
