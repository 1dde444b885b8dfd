import { describe, expect, it } from 'vitest';
import type { TestSession } from '../support/session';
import { appPerFile } from '../support/signedInApp';
import { openTestStream } from '../support/sseClient';

const app = appPerFile({ env: { QUOTELINE_INSTANCE: 'it-feeds' } });

const send = (s: TestSession, method: string, path: string, body?: unknown) => s.send(method, path, body);
const listed = async (slug: string) =>
  ((await (await app.admin.fetch('/api/admin/feeds')).json()) as { feeds: { slug: string }[] }).feeds.find(
    (f) => f.slug === slug,
  );
const push = (slug: string, token: string, ticks: unknown[]) =>
  fetch(`${app.server.url}/api/feeds/${slug}/ticks`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ ticks }),
  });

describe('admin: feeds', () => {
  it('creates a push feed whose token publishes validated ticks to its subscribers; rotating the token retires the old one', async () => {
    expect((await send(app.trader, 'POST', '/api/admin/feeds', { slug: 'pushed', name: 'Pushed' })).status).toBe(403);
    expect((await send(app.admin, 'POST', '/api/admin/feeds', { slug: 'Bad Slug', name: 'x' })).status).toBe(400);
    const created = await send(app.admin, 'POST', '/api/admin/feeds', {
      slug: 'pushed',
      name: 'Pushed prices',
      source: 'push',
    });
    expect(created.status).toBe(201);
    const { pushToken } = (await created.json()) as { pushToken: string };
    expect(pushToken).toMatch(/^push_/);
    expect((await send(app.admin, 'POST', '/api/admin/feeds', { slug: 'pushed', name: 'Again' })).status).toBe(409);
    expect(
      (
        await send(app.admin, 'POST', '/api/admin/feeds/pushed/instruments', {
          symbol: 'PSH',
          name: 'Pushed Co',
          price: 10,
        })
      ).status,
    ).toBe(201);

    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:pushed');
    try {
      await stream.waitFor((events) => events.some((e) => e.type === 'add' && e.data.symbol === 'PSH'));
      const pushedAt = Date.now() - 1_000; // a sender's own clock, a little behind ours
      const answer = await push('pushed', pushToken, [
        { symbol: 'PSH', price: 10.5 },
        { symbol: 'PSH', price: 10.75, bid: 10.7, ask: 10.8, ts: pushedAt },
        { symbol: 'NOPE', price: 1 },
        { symbol: 'PSH', price: -1 },
        { symbol: 'PSH', price: 1.001 },
        { symbol: 'PSH', price: 10, bid: 11, ask: 10.5 },
      ]);
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { accepted: number; rejected: { index: number; reason: string }[] };
      expect(body.accepted).toBe(2);
      expect(body.rejected.map((r) => r.index)).toEqual([2, 3, 4, 5]);
      expect(body.rejected.every((r) => r.reason.length > 5)).toBe(true);
      await stream.waitFor((events) => events.filter((e) => e.type === 'update').length >= 2);
      expect(stream.events.filter((e) => e.type === 'update').map((e) => e.data)).toEqual([
        expect.objectContaining({ symbol: 'PSH', price: 10.5 }),
        expect.objectContaining({ symbol: 'PSH', price: 10.75, bid: 10.7, ask: 10.8, ts: pushedAt }),
      ]);
    } finally {
      stream.close();
    }

    expect((await push('pushed', 'push_wrong', [{ symbol: 'PSH', price: 11 }])).status).toBe(403);
    expect(
      (
        await fetch(`${app.server.url}/api/feeds/pushed/ticks`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{"ticks":[]}',
        })
      ).status,
    ).toBe(401);
    expect((await push('pushed', pushToken, [])).status).toBe(400);
    const rotated = (await (await send(app.admin, 'POST', '/api/admin/feeds/pushed/push-token')).json()) as {
      pushToken: string;
    };
    expect((await push('pushed', pushToken, [{ symbol: 'PSH', price: 11 }])).status).toBe(403);
    expect((await push('pushed', rotated.pushToken, [{ symbol: 'PSH', price: 11 }])).status).toBe(200);
    expect((await send(app.admin, 'POST', '/api/admin/feeds/demo/push-token')).status).toBe(409);
  });

  it('replays an uploaded CSV at the chosen speed after validating every row', async () => {
    expect(
      (await send(app.admin, 'POST', '/api/admin/feeds', { slug: 'replayed', name: 'Replayed', source: 'replay' }))
        .status,
    ).toBe(201);
    expect(
      (
        await send(app.admin, 'POST', '/api/admin/feeds/replayed/instruments', {
          symbol: 'RPL',
          name: 'Replay Co',
          price: 20,
        })
      ).status,
    ).toBe(201);
    const upload = (csv: string, query = 'speed=100&loop=false') =>
      app.admin.fetch(`/api/admin/feeds/replayed/replay?${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv' },
        body: csv,
      });
    const bad = await upload(
      'timestamp,symbol,price\n1767225600,RPL,20.5\nnot-a-time,RPL,1\n1767225601,OTHER,2\n1767225602,RPL,1.001\n',
    );
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { issues: { path: (string | number)[]; message: string }[] } };
    expect(body.error.issues.map((i) => i.path[1]).sort()).toEqual([3, 4, 5]);
    expect((await upload('1767225600,RPL,1', 'speed=0')).status).toBe(400);
    expect((await send(app.admin, 'POST', '/api/admin/feeds/demo/replay')).status).toBe(409);

    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:replayed');
    try {
      await stream.waitFor((events) => events.some((e) => e.type === 'add'));
      const ok = await upload(
        'timestamp,symbol,price,bid,ask\n1767225600,RPL,20.5,20.4,20.6\n1767225601,RPL,21\n1767225602,RPL,21.25\n',
      );
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ slug: 'replayed', rows: 3, speed: 100, loop: false });
      await stream.waitFor((events) => events.filter((e) => e.type === 'update').length >= 3, 3000);
      expect(stream.events.filter((e) => e.type === 'update').map((e) => (e.data as { price: number }).price)).toEqual([
        20.5, 21, 21.25,
      ]);
    } finally {
      stream.close();
    }
    expect(await listed('replayed')).toMatchObject({ source: 'replay', replay: { speed: 100, loop: false } });
  });

  it('creates a simulator feed with its settings and seed, and lists it with them', async () => {
    const settings = { tickIntervalMs: 300, volatility: 0.3, drift: 0.05, spreadBps: 15, seed: 42 };
    expect(
      (await send(app.admin, 'POST', '/api/admin/feeds', { slug: 'seeded', name: 'Seeded', ...settings })).status,
    ).toBe(201);
    expect(await listed('seeded')).toMatchObject({
      name: 'Seeded',
      source: 'simulator',
      status: 'running',
      ...settings,
      replay: null,
      instruments: [],
    });
    const bad = await send(app.admin, 'POST', '/api/admin/feeds', { slug: 'badseed', name: 'Bad seed', seed: 1.5 });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'invalid_body', issues: [{ path: ['seed'], message: 'a seed is a whole number' }] },
    });
    expect(await listed('badseed')).toBeUndefined();
  });

  it('retunes a simulator feed live and renames it', async () => {
    const r = await send(app.admin, 'PATCH', '/api/admin/feeds/demo', {
      name: 'Demo market (retuned)',
      volatility: 0.8,
      tickIntervalMs: 250,
    });
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ name: 'Demo market (retuned)', volatility: 0.8, tickIntervalMs: 250 });
    expect((await send(app.admin, 'PATCH', '/api/admin/feeds/demo', { volatility: 99 })).status).toBe(400);
    expect((await send(app.admin, 'PATCH', '/api/admin/feeds/nope', { name: 'x' })).status).toBe(404);
  });

  it('asks for confirmation before deleting a watched feed, then ends its topic with removes', async () => {
    expect(
      (await send(app.admin, 'POST', '/api/admin/feeds', { slug: 'doomed', name: 'Doomed', tickIntervalMs: 200 }))
        .status,
    ).toBe(201);
    expect(
      (await send(app.admin, 'POST', '/api/admin/feeds/doomed/instruments', { symbol: 'DOOM', name: 'Doom', price: 5 }))
        .status,
    ).toBe(201);
    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:doomed');
    try {
      await stream.waitFor((events) => events.some((e) => e.type === 'add'));
      const ask = await send(app.admin, 'DELETE', '/api/admin/feeds/doomed');
      expect(ask.status).toBe(409);
      expect(await ask.json()).toMatchObject({ error: { code: 'confirmation_required' } });
      expect((await send(app.admin, 'DELETE', '/api/admin/feeds/doomed?confirm=true')).status).toBe(204);
      await stream.waitFor((events) => events.some((e) => e.type === 'remove' && e.data.symbol === 'DOOM'));
      expect(
        (await fetch(`${app.server.url}/api/stream?topics=feed:doomed`, { headers: { Accept: 'text/event-stream' } }))
          .status,
      ).toBe(404);
    } finally {
      stream.close();
    }
  });
});
