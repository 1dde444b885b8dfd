import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedKeySql, startAppServer, type AppServer } from '../support/appServer';
import { openTestStream } from '../support/sseClient';

let server: AppServer;
const SHOP = 'https://shop.example';

beforeAll(async () => {
  server = await startAppServer({
    env: { QUOTELINE_INSTANCE: 'it-embed' },
    sql: [
      embedKeySql('pk_shop_key_000001', { origins: [SHOP, 'https://*.shops.test'], feeds: ['demo'] }),
      embedKeySql('pk_shop_symbols_01', { origins: [SHOP], feeds: ['demo'], symbols: ['ACME', 'HOOLI'] }),
      embedKeySql('pk_revoked_key_001', { origins: [SHOP], feeds: ['demo'], revoked: true }),
    ].join('\n'),
  });
});
afterAll(() => server?.stop());

const stream = (query: string, origin?: string) =>
  fetch(`${server.url}/api/stream?${query}`, {
    headers: { Accept: 'text/event-stream', ...(origin ? { Origin: origin } : {}) },
  });

describe('GET /api/stream?key= (CORS for embed keys)', () => {
  it('answers an allowed origin with CORS for exactly that origin', async () => {
    const response = await stream('topics=feed:demo&key=pk_shop_key_000001', SHOP);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(response.headers.get('vary')).toMatch(/Origin/);
    await response.body?.cancel();
    const sub = await stream('topics=feed:demo&key=pk_shop_key_000001', 'https://a.shops.test');
    expect(sub.headers.get('access-control-allow-origin')).toBe('https://a.shops.test');
    await sub.body?.cancel();
  });

  it.each([
    ['another origin', 'topics=feed:demo&key=pk_shop_key_000001', 'https://evil.example'],
    ['no Origin at all', 'topics=feed:demo&key=pk_shop_key_000001', undefined],
    ['the null origin', 'topics=feed:demo&key=pk_shop_key_000001', 'null'],
    ['an unknown key', 'topics=feed:demo&key=pk_nobody_knows_me', SHOP],
    ['a malformed key', 'topics=feed:demo&key=%27%3B--', SHOP],
    ['a revoked key', 'topics=feed:demo&key=pk_revoked_key_001', SHOP],
  ])('refuses %s with 403 and no Access-Control-Allow-Origin', async (_name, query, origin) => {
    const response = await stream(query, origin);
    expect(response.status).toBe(403);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });

  it.each([
    ['a feed outside the key', 'topics=feed:other&key=pk_shop_key_000001', 'feed:other'],
    ['an account topic', 'topics=account:x&key=pk_shop_key_000001', 'account:x'],
    ['an admin topic', 'topics=admin:connections&key=pk_shop_key_000001', 'admin:connections'],
  ])(
    'refuses %s (its only topic) with 403 that the allowed page can read, naming the topic',
    async (_name, query, topic) => {
      const response = await stream(query, SHOP);
      expect(response.status).toBe(403);
      expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(await response.json()).toMatchObject({
        error: { code: 'forbidden', refused: [{ topic, code: 'forbidden' }] },
      });
    },
  );

  it('sends only the allowlisted symbols of a key', async () => {
    const s = await openTestStream(server.url, '/api/stream?topics=feed:demo&key=pk_shop_symbols_01', {
      Accept: 'text/event-stream',
      Origin: SHOP,
    });
    try {
      await s.waitFor((events) => events.filter((e) => e.type === 'update').length >= 6, 5000);
      const symbols = new Set(
        s.events
          .filter((e) => e.type === 'add' || e.type === 'update')
          .map((e) => (e.data as { symbol: string }).symbol),
      );
      expect([...symbols].sort()).toEqual(['ACME', 'HOOLI']);
    } finally {
      s.close();
    }
  });

  it('closes the streams of a key within seconds of its revocation', async () => {
    await server.db.exec(embedKeySql('pk_soon_revoked_01', { origins: [SHOP], feeds: ['demo'] }));
    const s = await openTestStream(server.url, '/api/stream?topics=feed:demo&key=pk_soon_revoked_01', {
      Accept: 'text/event-stream',
      Origin: SHOP,
    });
    await s.waitFor((events) => events.some((e) => e.type === 'ready'));
    await server.db.exec(
      `UPDATE "EmbedKey" SET "revokedAt" = '${new Date().toISOString()}' WHERE "key" = 'pk_soon_revoked_01'`,
    );
    const ended = await Promise.race([
      s.ended.then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still open'), 8000)),
    ]);
    expect(ended).toBe('closed');
    const again = await stream('topics=feed:demo&key=pk_soon_revoked_01', SHOP);
    expect(again.status).toBe(403);
  });
});

describe('embed check and subscriptions from other origins', () => {
  it('tells an allowed page what its key allows, and refuses others without CORS', async () => {
    const ok = await fetch(`${server.url}/api/embed/check?key=pk_shop_symbols_01`, { headers: { Origin: SHOP } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(await ok.json()).toEqual({ feeds: ['demo'], symbols: ['ACME', 'HOOLI'] });
    const no = await fetch(`${server.url}/api/embed/check?key=pk_shop_symbols_01`, {
      headers: { Origin: 'https://evil.example' },
    });
    expect(no.status).toBe(403);
    expect(no.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers the preflight of an allowed origin only, and applies the key to new topics', async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/api/stream/subscriptions?key=pk_shop_key_000001`, {
        method: 'OPTIONS',
        headers: {
          Origin: origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    const allowed = await preflight(SHOP);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SHOP);
    const denied = await preflight('https://evil.example');
    expect(denied.status).toBe(403);
    expect(denied.headers.get('access-control-allow-origin')).toBeNull();

    const s = await openTestStream(server.url, '/api/stream?topics=feed:demo&key=pk_shop_key_000001', {
      Accept: 'text/event-stream',
      Origin: SHOP,
    });
    try {
      await s.waitFor((events) => events.some((e) => e.type === 'ready'));
      const { connectionId, token } = s.events[0]!.data as { connectionId: string; token: string };
      const post = (body: unknown) =>
        fetch(`${server.url}/api/stream/subscriptions?key=pk_shop_key_000001`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: SHOP },
          body: JSON.stringify(body),
        });
      const outside = await post({ connectionId, token, subscribe: ['account:abc'] });
      expect(outside.status).toBe(200);
      expect(await outside.json()).toMatchObject({
        topics: ['feed:demo'],
        refused: [{ topic: 'account:abc', code: 'forbidden' }],
      });
      const ok = await post({ connectionId, token, unsubscribe: ['feed:demo'] });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe(SHOP);
    } finally {
      s.close();
    }
  });
});

describe('embed assets', () => {
  it('serves /embed.js briefly cached and its modules immutable', async () => {
    const loader = await fetch(`${server.url}/embed.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    expect(loader.headers.get('cache-control')).toBe('public, max-age=300');
    const text = await loader.text();
    const module = /"quote-board":"([^"]+)"/.exec(text)?.[1];
    expect(module).toMatch(/^quote-board-[A-Z0-9]{8}\.js$/);
    const chunk = await fetch(`${server.url}/embed/${module}`);
    expect(chunk.status).toBe(200);
    expect(chunk.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${server.url}/embed/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
