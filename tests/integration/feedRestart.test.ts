import { afterAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/appServer';
import { signIn, type TestSession } from '../support/session';
import { openTestStream } from '../support/sseClient';

// The database is the truth for what admins configured: a restarted app
// streams the same feeds, with the same settings, instruments, pause state,
// push token and replay.

const env = { QUOTELINE_INSTANCE: 'it-feed-restart' };
let server: AppServer | null = null;
afterAll(() => server?.stop());

const send = (s: TestSession, method: string, path: string, body?: unknown) => s.send(method, path, body);
type ListedFeed = {
  slug: string;
  name: string;
  source: string;
  status: string;
  instruments: { symbol: string; price: number }[];
} & Record<string, unknown>;
/** The kept feeds as listed, without their instruments' prices: running feeds move those (and checkpoint them on shutdown). */
const feedsOf = async (admin: TestSession) =>
  ((await (await admin.fetch('/api/admin/feeds')).json()) as { feeds: ListedFeed[] }).feeds
    .filter((f) => f.slug.startsWith('kept'))
    .map((f) => ({ ...f, instruments: f.instruments.map(({ price: _moves, ...rest }) => rest) }));
const push = (url: string, token: string, price: number) =>
  fetch(`${url}/api/feeds/kept-push/ticks`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ ticks: [{ symbol: 'KPSH', price }] }),
  });

describe('feeds configured by admins survive a restart', () => {
  it('comes back with the same feeds, settings, instruments, pause state, push token and replay', async () => {
    server = await startAppServer({ env });
    let admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
    const created = (body: object) =>
      send(admin, 'POST', '/api/admin/feeds', body).then((r) => expect(r.status).toBe(201));
    const instrument = (slug: string, symbol: string, price: number) =>
      send(admin, 'POST', `/api/admin/feeds/${slug}/instruments`, { symbol, name: `${symbol} Co`, price }).then((r) =>
        expect(r.status).toBe(201),
      );

    await created({
      slug: 'kept-sim',
      name: 'Kept simulator',
      tickIntervalMs: 100,
      volatility: 0.9,
      drift: 0.2,
      spreadBps: 25,
      seed: 11,
    });
    await instrument('kept-sim', 'KSIM', 40);
    expect(
      (await send(admin, 'PATCH', '/api/admin/feeds/kept-sim', { name: 'Kept simulator (renamed)', volatility: 1.1 }))
        .status,
    ).toBe(200);
    await created({ slug: 'kept-paused', name: 'Kept paused', tickIntervalMs: 100 });
    await instrument('kept-paused', 'KPAU', 30);
    expect((await send(admin, 'POST', '/api/admin/feeds/kept-paused/pause')).status).toBe(200);
    const pushFeed = await send(admin, 'POST', '/api/admin/feeds', {
      slug: 'kept-push',
      name: 'Kept push',
      source: 'push',
    });
    const { pushToken } = (await pushFeed.json()) as { pushToken: string };
    await instrument('kept-push', 'KPSH', 10);
    await created({ slug: 'kept-replay', name: 'Kept replay', source: 'replay' });
    await instrument('kept-replay', 'KRPL', 20);
    const csv = 'timestamp,symbol,price\n1767225600,KRPL,20.5\n1767225601,KRPL,21\n1767225602,KRPL,21.25\n';
    const upload = await admin.fetch('/api/admin/feeds/kept-replay/replay?speed=50&loop=true', {
      method: 'POST',
      headers: { 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(upload.status).toBe(200);
    const before = await feedsOf(admin);
    expect(before).toHaveLength(4);

    await server.stop({ keepDatabase: true });
    server = await startAppServer({ env, databaseUrl: server.databaseUrl });
    admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
    expect(await feedsOf(admin)).toEqual(before);

    const stream = await openTestStream(
      server.url,
      '/api/stream?topics=feed:kept-sim,feed:kept-paused,feed:kept-push,feed:kept-replay',
    );
    try {
      const updates = (symbol: string) => stream.events.filter((e) => e.type === 'update' && e.data.symbol === symbol);
      await stream.waitFor((events) =>
        ['KSIM', 'KPAU', 'KPSH', 'KRPL'].every((s) => events.some((e) => e.type === 'add' && e.data.symbol === s)),
      );
      // the paused feed's snapshot says so; the others run
      expect(stream.events.filter((e) => e.type === 'status').map((e) => e.data)).toEqual([
        { topic: 'feed:kept-paused', status: 'paused' },
      ]);
      // the simulator ticks at its 100 ms, the replay loops its CSV at 50×
      await stream.waitFor(() => updates('KSIM').length >= 5 && updates('KRPL').length >= 4, 5000);
      expect(new Set(updates('KRPL').map((e) => (e.data as { price: number }).price))).toEqual(
        new Set([20.5, 21, 21.25]),
      );
      // the token shown before the restart still publishes
      expect((await push(server.url, pushToken, 10.5)).status).toBe(200);
      await stream.waitFor(() => updates('KPSH').length === 1);
      expect(updates('KPAU')).toEqual([]);
      // resumed, it ticks again
      expect((await send(admin, 'POST', '/api/admin/feeds/kept-paused/resume')).status).toBe(200);
      await stream.waitFor(() => updates('KPAU').length >= 2, 5000);
    } finally {
      stream.close();
    }
  });
});
