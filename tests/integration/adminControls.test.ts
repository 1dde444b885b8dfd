import { describe, expect, it } from 'vitest';
import type { TestSession } from '../support/session';
import { appPerFile } from '../support/signedInApp';
import { openTestStream } from '../support/sseClient';

const app = appPerFile({ env: { QUOTELINE_INSTANCE: 'it-admin' } });

const post = (s: TestSession, path: string, body?: unknown) => s.send('POST', path, body);

describe('admin: instruments', () => {
  it('adds an instrument live (subscribers see an add) and removes it (they see a remove)', async () => {
    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:demo');
    try {
      await stream.waitFor((events) => events.filter((e) => e.type === 'add').length >= 10);
      const added = await post(app.admin, '/api/admin/feeds/demo/instruments', {
        symbol: 'NEWCO',
        name: 'New Co',
        price: 12.34,
      });
      expect(added.status).toBe(201);
      await stream.waitFor((events) => events.some((e) => e.type === 'add' && e.data.symbol === 'NEWCO'), 2000);
      const add = stream.events.find((e) => e.type === 'add' && e.data.symbol === 'NEWCO')!;
      expect(add.data).toMatchObject({ name: 'New Co', price: 12.34, open: 12.34 });
      expect(
        (await post(app.admin, '/api/admin/feeds/demo/instruments', { symbol: 'NEWCO', name: 'Again', price: 1 }))
          .status,
      ).toBe(409);
      const removed = await app.admin.fetch('/api/admin/feeds/demo/instruments/NEWCO', { method: 'DELETE' });
      expect(removed.status).toBe(204);
      await stream.waitFor((events) => events.some((e) => e.type === 'remove' && e.data.symbol === 'NEWCO'), 2000);
      expect((await app.admin.fetch('/api/admin/feeds/demo/instruments/NEWCO', { method: 'DELETE' })).status).toBe(404);
    } finally {
      stream.close();
    }
  });

  it.each([
    ['a lowercase symbol', { symbol: 'bad', name: 'x', price: 1 }, 400, 'invalid_symbol'],
    ['a missing name', { symbol: 'OKAY', price: 1 }, 400, 'invalid_body'],
    ['a negative price', { symbol: 'OKAY', name: 'x', price: -1 }, 400, 'invalid_body'],
    ['a sub-cent price', { symbol: 'OKAY', name: 'x', price: 1.001 }, 400, 'invalid_price'],
    [
      'a price above what integer cents hold on PostgreSQL',
      { symbol: 'OKAY', name: 'x', price: 30_000_000 },
      400,
      'invalid_body',
    ],
    ['a duplicate of a demo symbol', { symbol: 'ACME', name: 'x', price: 1 }, 409, 'duplicate_symbol'],
  ])('refuses %s with %s %s and adds nothing', async (_name, body, status, code) => {
    const response = await post(app.admin, '/api/admin/feeds/demo/instruments', body);
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it('answers 404 for an unknown feed, 403 for traders, 401 signed out, 403 cross-site', async () => {
    expect(
      (await post(app.admin, '/api/admin/feeds/nope/instruments', { symbol: 'X', name: 'x', price: 1 })).status,
    ).toBe(404);
    expect(
      (await post(app.trader, '/api/admin/feeds/demo/instruments', { symbol: 'X', name: 'x', price: 1 })).status,
    ).toBe(403);
    expect((await post(app.trader, '/api/admin/feeds/demo/pause')).status).toBe(403);
    const anonymous = await fetch(`${app.server.url}/api/admin/feeds/demo/pause`, {
      method: 'POST',
      headers: { Origin: app.server.url },
    });
    expect(anonymous.status).toBe(401);
    const crossSite = await fetch(`${app.server.url}/api/admin/feeds/demo/pause`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example', cookie: app.admin.cookie },
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('admin: pause and resume', () => {
  it('stops updates and refuses orders with 409 feed_paused while paused; resume restarts them', async () => {
    const watching = await openTestStream(app.server.url, '/api/stream?topics=feed:demo');
    await watching.waitFor((events) => events.filter((e) => e.type === 'add').length >= 10);
    expect(watching.events.some((e) => e.type === 'status')).toBe(false); // a running feed's snapshot is its adds alone
    expect(await (await post(app.admin, '/api/admin/feeds/demo/pause')).json()).toEqual({
      feed: 'demo',
      status: 'paused',
    });
    // A subscriber already watching learns it live.
    await watching.waitFor((events) => events.some((e) => e.type === 'status'), 2000);
    expect(watching.events.find((e) => e.type === 'status')!.data).toEqual({ topic: 'feed:demo', status: 'paused' });
    const order = await app.trader.order({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 });
    expect(order.status).toBe(409);
    expect(await order.json()).toMatchObject({ error: { code: 'feed_paused' } });
    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:demo');
    try {
      // A new subscriber learns it from the snapshot: its adds, then one status at the same id.
      await stream.waitFor((events) => events.length >= 12);
      const snapshot = stream.events.slice(1, 12);
      expect(snapshot.map((e) => e.type)).toEqual([...Array(10).fill('add'), 'status']);
      expect(snapshot.every((e) => e.id === snapshot[0]!.id)).toBe(true);
      expect(snapshot[10]!.data).toEqual({ topic: 'feed:demo', status: 'paused' });
      await new Promise((r) => setTimeout(r, 1200)); // more than two ticks of the demo feed
      expect(stream.events.filter((e) => e.type === 'update')).toEqual([]);
      expect((await post(app.admin, '/api/admin/feeds/demo/resume')).status).toBe(200);
      await stream.waitFor((events) => events.some((e) => e.type === 'update'), 3000);
      const resumed = stream.events.filter((e) => e.type === 'status').at(-1)!;
      expect(resumed.data).toEqual({ topic: 'feed:demo', status: 'running' });
      // The status comes before the first update after it.
      expect(stream.events.indexOf(resumed)).toBeLessThan(stream.events.findIndex((e) => e.type === 'update'));
      expect((await app.trader.order({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 })).status).toBe(201);
    } finally {
      stream.close();
      watching.close();
    }
  });
});

describe('admin: embed keys, feeds list and audit log', () => {
  it('creates a key, lists it, revokes it (closing its streams) and records who did what', async () => {
    const bad = await post(app.admin, '/api/admin/embed-keys', { label: 'Shop', origins: ['*'], feeds: ['demo'] });
    expect(bad.status).toBe(400);
    const created = await post(app.admin, '/api/admin/embed-keys', {
      label: 'Shop',
      origins: ['https://shop.example'],
      feeds: ['demo'],
    });
    expect(created.status).toBe(201);
    const { key } = (await created.json()) as { key: string };
    expect(key).toMatch(/^pk_/);
    const listed = (await (await app.admin.fetch('/api/admin/embed-keys')).json()) as {
      keys: { key: string; revokedAt: string | null }[];
    };
    expect(listed.keys.find((k) => k.key === key)).toMatchObject({ revokedAt: null });
    const stream = await openTestStream(app.server.url, `/api/stream?topics=feed:demo&key=${key}`, {
      Accept: 'text/event-stream',
      Origin: 'https://shop.example',
    });
    await stream.waitFor((events) => events.some((e) => e.type === 'ready'));
    expect((await app.admin.fetch(`/api/admin/embed-keys/${key}`, { method: 'DELETE' })).status).toBe(204);
    await stream.ended;
    expect((await app.admin.fetch(`/api/admin/embed-keys/${key}`, { method: 'DELETE' })).status).toBe(404);
    expect((await app.trader.fetch('/api/admin/embed-keys')).status).toBe(403);

    const feeds = (await (await app.admin.fetch('/api/admin/feeds')).json()) as {
      feeds: { slug: string; instruments: unknown[] }[];
    };
    expect(feeds.feeds.find((f) => f.slug === 'demo')!.instruments.length).toBeGreaterThanOrEqual(10);
    const audit = (await (await app.admin.fetch('/api/admin/audit')).json()) as {
      entries: { actor: string; action: string; target: string }[];
    };
    expect(audit.entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'embed_key.create',
        'embed_key.revoke',
        'instrument.add',
        'instrument.remove',
        'feed.pause',
        'feed.resume',
      ]),
    );
    expect(audit.entries.every((e) => e.actor === 'admin@example.com')).toBe(true);
    expect((await app.trader.fetch('/api/admin/audit')).status).toBe(403);
  });
});
