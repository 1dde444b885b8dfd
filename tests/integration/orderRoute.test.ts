import { describe, expect, it } from 'vitest';
import { startAppServer } from '../support/appServer';
import { appPerFile } from '../support/signedInApp';

// POST /api/orders is a Pages Router API route (Node's request and response): the same contract as every other
// route for methods, errors and bodies. POST /api/test/noop, bench:orders' baseline, exists with test hooks only.
const app = appPerFile({ env: { QUOTELINE_INSTANCE: 'it-order-route', QUOTELINE_TEST_HOOKS: '1' } });

describe('the order route', () => {
  it('answers other methods 405 with Allow, and OPTIONS 204', async () => {
    const put = await app.trader.fetch('/api/orders', { method: 'PUT' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST, OPTIONS');
    expect((await app.trader.fetch('/api/orders', { method: 'OPTIONS' })).status).toBe(204);
  });

  it('answers bad bodies 400 and places a good order 201, no-store', async () => {
    const text = await app.trader.fetch('/api/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': 'route-1' },
      body: 'buy',
    });
    expect(text.status).toBe(400);
    expect(await text.json()).toMatchObject({ error: { code: 'invalid_body' } });
    const broken = await app.trader.fetch('/api/orders', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'route-2' },
      body: '{"symbol":',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      error: { code: 'invalid_body', message: 'The body is not valid JSON.' },
    });
    const placed = await app.trader.order({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 }, 'route-3');
    expect(placed.status).toBe(201);
    expect(placed.headers.get('cache-control')).toBe('no-store');
    expect(placed.headers.get('content-type')).toMatch(/^application\/json/);
    const listed = await app.trader.fetch('/api/orders');
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { orders: unknown[] }).orders).toHaveLength(1);
  });

  it('closes the connection after refusing a body it did not read', async () => {
    const refused = await fetch(`${app.server.url}/api/orders`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: app.server.url, 'Idempotency-Key': 'route-4' },
      body: JSON.stringify({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('connection')).toBe('close');
  });
});

describe('POST /api/test/noop', () => {
  it('answers 201 JSON after the Origin check and the body read', async () => {
    const ok = await app.trader.send('POST', '/api/test/noop', { any: 'thing' });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ received: 'object' });
    const crossSite = await fetch(`${app.server.url}/api/test/noop`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example', cookie: app.trader.cookie },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
  });

  it('is not found without test hooks', async () => {
    const server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'it-order-route-off' } });
    try {
      const response = await fetch(`${server.url}/api/test/noop`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url },
        body: '{}',
      });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
    } finally {
      await server.stop();
    }
  });
});
