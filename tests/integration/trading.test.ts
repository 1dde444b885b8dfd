import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/appServer';
import { signIn, type TestSession } from '../support/session';
import { openTestStream } from '../support/sseClient';

let server: AppServer;
let trader: TestSession;

beforeAll(async () => {
  server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'it-trading' } });
  trader = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
});
afterAll(() => server?.stop());

/** Rows and balances that bad input must leave untouched (plain SQL that SQLite and PostgreSQL both run). */
async function snapshot() {
  const count = async (table: string) =>
    Number((await server.db.query<{ n: unknown }>(`SELECT count(*) AS n FROM "${table}"`))[0]!.n);
  const accounts = await server.db.query<{ cash: unknown; reserved: unknown }>(
    'SELECT "cash", "reserved" FROM "Account" ORDER BY "id"',
  );
  const positions = await server.db.query<{ symbol: string; quantity: unknown; reserved: unknown }>(
    'SELECT "symbol", "quantity", "reserved" FROM "Position" ORDER BY "id"',
  );
  return {
    orders: await count('Order'),
    fills: await count('Fill'),
    accounts: accounts.map((a) => `${a.cash}/${a.reserved}`).join(','),
    positions: positions.map((p) => `${p.symbol}${p.quantity}/${p.reserved}`).join(','),
  };
}

describe('sessions', () => {
  it('refuses wrong credentials with 401 invalid_credentials, for known and unknown emails alike', async () => {
    const attempt = async (email: string) => {
      const started = performance.now();
      const r = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url, 'X-Real-IP': email },
        body: JSON.stringify({ email, password: 'nope-nope-nope' }),
      });
      return {
        status: r.status,
        body: (await r.json()) as { error: { code: string } },
        ms: performance.now() - started,
      };
    };
    const known = await attempt('trader@example.com');
    const unknown = await attempt('nobody@example.com');
    expect(known.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(known.body.error.code).toBe('invalid_credentials');
    expect(unknown.body.error.code).toBe('invalid_credentials');
    // both run scrypt: neither answer is an order of magnitude faster (a timing oracle would be)
    expect(Math.min(known.ms, unknown.ms) * 5).toBeGreaterThan(Math.max(known.ms, unknown.ms));
  });

  it('throttles repeated failures with 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: server.url },
        body: JSON.stringify({ email: 'victim@example.com', password: `guess-${i}` }),
      });
      statuses.push(r.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it('sets an httpOnly SameSite cookie', async () => {
    const r = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: server.url },
      body: JSON.stringify({ email: 'trader@example.com', password: 'quoteline-trader' }),
    });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; Secure when served over TLS
  });
});

describe('POST /api/orders refuses bad input and changes nothing', () => {
  const valid = { symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 };
  const cases: [string, () => Promise<Response>, number, string][] = [
    [
      'signed out',
      () =>
        fetch(`${server.url}/api/orders`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'x', Origin: server.url },
          body: JSON.stringify(valid),
        }),
      401,
      'unauthorized',
    ],
    [
      'no Idempotency-Key',
      () =>
        trader.fetch('/api/orders', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(valid),
        }),
      400,
      'idempotency_key_required',
    ],
    ['wrong types', () => trader.order({ ...valid, quantity: '10' }), 400, 'invalid_body'],
    [
      'NaN quantity',
      () => trader.order('{"symbol":"ACME","side":"buy","type":"market","quantity":NaN}'),
      400,
      'invalid_body',
    ],
    ['a fractional quantity', () => trader.order({ ...valid, quantity: 1.5 }), 400, 'invalid_body'],
    ['a huge quantity', () => trader.order({ ...valid, quantity: 1e300 }), 400, 'invalid_body'],
    ['a negative limit', () => trader.order({ ...valid, type: 'limit', limitPrice: -5 }), 400, 'invalid_body'],
    ['a sub-cent limit', () => trader.order({ ...valid, type: 'limit', limitPrice: 100.001 }), 400, 'invalid_price'],
    ['an unknown side', () => trader.order({ ...valid, side: 'short' }), 400, 'invalid_body'],
    ['an extra field', () => trader.order({ ...valid, margin: true }), 400, 'invalid_body'],
    ['an unknown symbol', () => trader.order({ ...valid, symbol: 'NOPE' }), 404, 'unknown_symbol'],
    ['a malformed symbol', () => trader.order({ ...valid, symbol: 'acme; drop' }), 400, 'invalid_body'],
    [
      'a text/plain body',
      () =>
        trader.fetch('/api/orders', {
          method: 'POST',
          headers: { 'Content-Type': 'text/plain', 'Idempotency-Key': 'tp' },
          body: JSON.stringify(valid),
        }),
      400,
      'invalid_body',
    ],
    [
      'malformed JSON',
      () =>
        trader.fetch('/api/orders', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'mj' },
          body: '{"symbol":',
        }),
      400,
      'invalid_body',
    ],
    [
      'an oversize body',
      () =>
        trader.fetch('/api/orders', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'big' },
          body: JSON.stringify({ ...valid, pad: 'x'.repeat(20_000) }),
        }),
      413,
      'payload_too_large',
    ],
    [
      'selling what is not held',
      () => trader.order({ ...valid, side: 'sell', symbol: 'HOOLI' }),
      422,
      'insufficient_position',
    ],
    [
      'spending more than the cash',
      () => trader.order({ ...valid, symbol: 'TYRL', quantity: 100_000 }),
      422,
      'insufficient_funds',
    ],
  ];
  it.each(cases)('%s → %s %s', async (_name, send, status, code) => {
    const before = await snapshot();
    const response = await send();
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message.length).toBeGreaterThan(5);
    expect(await snapshot()).toEqual(before);
  });
});

describe('CSRF', () => {
  const body = JSON.stringify({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 });
  it.each([
    ['a cross-site Origin', { Origin: 'https://evil.example' }],
    ['no Origin while carrying the cookie', { Origin: '' }],
    ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ['a null Origin', { Origin: 'null' }],
  ])('refuses %s with 403 and changes nothing', async (_name, headers) => {
    const before = await snapshot();
    const h: Record<string, string> = {
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
      cookie: trader.cookie,
      Origin: server.url,
      ...headers,
    };
    if (h.Origin === '') delete h.Origin;
    const response = await fetch(`${server.url}/api/orders`, { method: 'POST', headers: h, body });
    expect(response.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });
});

describe('idempotency', () => {
  it('200 concurrent POSTs with one key create exactly one order', async () => {
    const key = crypto.randomUUID();
    const body = { symbol: 'SOYL', side: 'buy', type: 'market', quantity: 1 };
    const before = (await snapshot()).orders;
    const responses = await Promise.all(Array.from({ length: 200 }, () => trader.order(body, key)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    const ids = new Set(
      await Promise.all(
        responses.filter((r) => r.status === 201).map(async (r) => ((await r.json()) as { id: string }).id),
      ),
    );
    expect(ids.size).toBe(1);
    expect((await snapshot()).orders).toBe(before + 1);
    const again = await trader.order(body, key);
    expect(again.status).toBe(201);
    expect(((await again.json()) as { id: string }).id).toBe([...ids][0]);
    const reused = await trader.order({ ...body, quantity: 2 }, key);
    expect(reused.status).toBe(422);
    expect(await reused.json()).toMatchObject({ error: { code: 'idempotency_key_reused' } });
  });
});

describe('concurrent overspend', () => {
  it('fills exactly the buys that fit; the rest get 422 insufficient_funds; cash never goes below zero', async () => {
    const spender = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
    const portfolio = (await (await spender.fetch('/api/portfolio')).json()) as { available: string };
    const available = Math.round(Number(portfolio.available) * 100);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => spender.order({ symbol: 'TYRL', side: 'buy', type: 'market', quantity: 20 })),
    );
    const filled = await Promise.all(
      responses
        .filter((r) => r.status === 201)
        .map((r) => r.json() as Promise<{ averagePrice: string; quantity: number }>),
    );
    const refused = responses.filter((r) => r.status === 422);
    expect(filled.length + refused.length).toBe(50);
    expect(filled.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    const spent = filled.reduce((s, o) => s + Math.round(Number(o.averagePrice) * 100) * o.quantity, 0);
    const after = (await (await spender.fetch('/api/portfolio')).json()) as { cash: string; available: string };
    expect(Math.round(Number(after.available) * 100)).toBe(available - spent);
    expect(Number(after.cash)).toBeGreaterThanOrEqual(0);
    // none of the refused would have fitted: what is left is below one more order at the dearest fill
    const dearest = Math.max(...filled.map((o) => Math.round(Number(o.averagePrice) * 100)));
    expect(available - spent).toBeLessThan(dearest * 20 + 20 * 100);
  });
});

describe('limit orders and cancel', () => {
  it('rests a limit away from the market, cancels it (404 for others, 409 when not open), and releases the cash', async () => {
    const before = (await (await trader.fetch('/api/portfolio')).json()) as { available: string };
    const placed = await trader.order({ symbol: 'INITE', side: 'buy', type: 'limit', quantity: 10, limitPrice: 1 });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as { id: string; status: string };
    expect(order.status).toBe('open');
    const held = (await (await trader.fetch('/api/portfolio')).json()) as { available: string; reserved: string };
    expect(Number(held.reserved)).toBeGreaterThanOrEqual(10);
    const admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
    expect((await admin.fetch(`/api/orders/${order.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await trader.fetch(`/api/orders/${order.id}`, { method: 'DELETE' })).status).toBe(200);
    const again = await trader.fetch(`/api/orders/${order.id}`, { method: 'DELETE' });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: 'order_not_open' } });
    const after = (await (await trader.fetch('/api/portfolio')).json()) as { available: string };
    expect(after.available).toBe(before.available);
  });

  it('fills a marketable limit at the touch, no worse than the limit', async () => {
    const r = await trader.order({ symbol: 'INITE', side: 'buy', type: 'limit', quantity: 1, limitPrice: 10_000 });
    const order = (await r.json()) as { status: string; averagePrice: string };
    expect(order.status).toBe('filled');
    expect(Number(order.averagePrice)).toBeLessThan(10_000);
  });
});

describe('private stream', () => {
  it('carries order, fill and position events to the owner only; another account gets 403', async () => {
    const admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
    const forbidden = await fetch(`${server.url}/api/stream?topics=account:${trader.accountId}`, {
      headers: { Accept: 'text/event-stream', cookie: admin.cookie },
    });
    expect(forbidden.status).toBe(403);
    const stream = await openTestStream(server.url, `/api/stream?topics=account:${trader.accountId}`, {
      Accept: 'text/event-stream',
      cookie: trader.cookie,
    });
    try {
      await stream.waitFor((events) => events.some((e) => e.type === 'ready'));
      const response = await trader.order({ symbol: 'GLOBX', side: 'buy', type: 'market', quantity: 2 });
      const placed = (await response.json()) as { id: string; streamPosition: string };
      await stream.waitFor((events) => events.some((e) => e.id === placed.streamPosition));
      const types = stream.events.filter((e) => e.type !== 'ready').map((e) => e.type);
      expect(types).toEqual(['order', 'fill', 'position']);
      expect(stream.events.find((e) => e.type === 'order')!.data).toMatchObject({
        orderId: placed.id,
        status: 'filled',
      });
      expect(stream.events.find((e) => e.type === 'position')!.data).toMatchObject({ symbol: 'GLOBX' });
    } finally {
      stream.close();
    }
  });

  it('stops private events once the session signs out', async () => {
    const session = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
    const stream = await openTestStream(server.url, `/api/stream?topics=feed:demo,account:${session.accountId}`, {
      Accept: 'text/event-stream',
      cookie: session.cookie,
    });
    try {
      await stream.waitFor((events) => events.some((e) => e.type === 'ready'));
      expect((await session.fetch('/api/session', { method: 'DELETE' })).status).toBe(204);
      await trader.order({ symbol: 'GLOBX', side: 'buy', type: 'market', quantity: 1 });
      const seen = stream.events.length;
      await stream.waitFor((events) => events.slice(seen).filter((e) => e.type === 'update').length >= 10);
      expect(stream.events.filter((e) => e.type === 'order' || e.type === 'fill' || e.type === 'position')).toEqual([]);
      expect((await session.fetch('/api/portfolio')).status).toBe(401);
    } finally {
      stream.close();
    }
  });
});
