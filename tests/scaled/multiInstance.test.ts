import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { HealthResponse, ReadyEvent, StreamEvent } from '@quoteline/protocol';
import { shapePerFile, type Shape } from '../support/scaledShape';
import { startRedis } from '../../scripts/servers/redis.mjs';
import { openTestStream, type TestStream } from '../support/sseClient';
import { signIn } from '../support/session';
import { lastId, sleep, waitUntil } from '../support/streamTools';

// Three instances + Redis + PostgreSQL + nginx, all private on loopback, started here and stopped afterwards.
type App = Shape['apps'][number];
const streams: TestStream[] = [];

const scaled = shapePerFile('scaled', {
  env: { QUOTELINE_KEEPALIVE_MS: '1000', QUOTELINE_RETRY_MS: '200' },
  limits: { streamsPerClient: 4, orderRate: '100r/s' },
});

afterAll(async () => {
  for (const s of streams) s.close();
});

async function health(app: App): Promise<HealthResponse | null> {
  try {
    const response = await fetch(`${app.url}/api/health`, { signal: AbortSignal.timeout(2000) });
    return response.ok ? ((await response.json()) as HealthResponse) : null;
  } catch {
    return null;
  }
}

async function producers(apps: App[]): Promise<string[]> {
  const answers = await Promise.all(apps.map(health));
  return answers.filter((h) => h?.producer).map((h) => h!.instance);
}

async function open(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<TestStream> {
  const stream = await openTestStream(baseUrl, path, { Accept: 'text/event-stream', ...headers }, { ca: scaled.ca });
  streams.push(stream);
  expect(stream.status).toBe(200);
  return stream;
}

const ready = (s: TestStream) => s.events.find((e) => e.type === 'ready')!.data as ReadyEvent;
const updates = (events: readonly StreamEvent[]) => events.filter((e) => e.type === 'update');

describe('scaled shape: three instances behind nginx on one Redis log and one PostgreSQL', () => {
  it('has exactly one producer, and every instance serves the same log', async () => {
    await waitUntil(async () => (await producers(scaled.shape.apps)).length === 1, 'one producer', 15_000, 200);
    const a = await open(scaled.shape.apps[0]!.url, '/api/stream?topics=feed:demo');
    const b = await open(scaled.shape.apps[1]!.url, '/api/stream?topics=feed:demo');
    await a.waitFor((e) => updates(e).length >= 10, 15_000);
    await b.waitFor((e) => updates(e).length >= 10, 15_000);
    // The same update reaches both instances' clients under the same id.
    const idsB = new Set(updates(b.events).map((e) => e.id));
    expect(updates(a.events).some((e) => idsB.has(e.id))).toBe(true);
  });

  it('applies a subscriptions POST that lands on another instance to the stream held by the first', async () => {
    const stream = await open(scaled.shape.apps[0]!.url, '/api/stream?topics=feed:demo');
    await stream.waitFor((e) => e.some((x) => x.type === 'ready'));
    const { connectionId, token } = ready(stream);
    const change = (app: App, body: object) =>
      fetch(`${app.url}/api/stream/subscriptions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ connectionId, token, ...body }),
      });
    const off = await change(scaled.shape.apps[1]!, { subscribe: [], unsubscribe: ['feed:demo'] });
    expect(off.status).toBe(200);
    expect(await off.json()).toEqual({ topics: [], refused: [] });
    const addsBefore = stream.events.filter((e) => e.type === 'add').length;
    // The holder decides each topic: the good one is added, the missing feed refused alone, across instances.
    const on = await change(scaled.shape.apps[2]!, { subscribe: ['feed:demo', 'feed:nosuch'], unsubscribe: [] });
    expect(on.status).toBe(200);
    expect(await on.json()).toMatchObject({
      topics: ['feed:demo'],
      refused: [{ topic: 'feed:nosuch', code: 'unknown_topic' }],
    });
    await stream.waitFor((e) => e.filter((x) => x.type === 'add').length > addsBefore, 5_000);
    const wrongToken = await fetch(`${scaled.shape.apps[1]!.url}/api/stream/subscriptions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        connectionId,
        token: 'x'.repeat(token.length),
        subscribe: ['feed:demo'],
        unsubscribe: [],
      }),
    });
    expect(wrongToken.status).toBe(403);
    const unknown = await change(scaled.shape.apps[1]!, {
      connectionId: 'nope',
      subscribe: ['feed:demo'],
      unsubscribe: [],
    });
    expect(unknown.status).toBe(404);
  });

  it('delivers an order placed on one instance to the account stream held by another', async () => {
    const trader = await signIn(scaled.shape.apps[1]!.url, 'trader@example.com', 'quoteline-trader');
    const stream = await open(scaled.shape.apps[0]!.url, `/api/stream?topics=account:${trader.accountId}`, {
      cookie: trader.cookie,
    });
    await stream.waitFor((e) => e.some((x) => x.type === 'ready'));
    const placed = await fetch(`${scaled.shape.apps[2]!.url}/api/orders`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
        Origin: scaled.shape.apps[2]!.url,
        cookie: trader.cookie,
      },
      body: JSON.stringify({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 }),
    });
    expect(placed.status).toBe(201);
    const order = (await placed.json()) as { id: string };
    await stream.waitFor((e) => e.some((x) => x.type === 'order' && x.data.orderId === order.id), 5_000);
    await stream.waitFor((e) => e.some((x) => x.type === 'fill' && x.data.orderId === order.id), 5_000);
  });

  it('a sign-out on one instance takes the private topic off the stream held by another', async () => {
    const streamSession = await signIn(scaled.shape.apps[0]!.url, 'trader@example.com', 'quoteline-trader');
    const tradingSession = await signIn(scaled.shape.apps[1]!.url, 'trader@example.com', 'quoteline-trader');
    const stream = await open(
      scaled.shape.apps[0]!.url,
      `/api/stream?topics=feed:demo,account:${streamSession.accountId}`,
      {
        cookie: streamSession.cookie,
      },
    );
    await stream.waitFor((e) => e.some((x) => x.type === 'ready'));
    const out = await fetch(`${scaled.shape.apps[2]!.url}/api/session`, {
      method: 'DELETE',
      headers: { Origin: scaled.shape.apps[2]!.url, cookie: streamSession.cookie },
    });
    expect(out.status).toBe(204);
    await sleep(500);
    const placed = await tradingSession.order({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 });
    expect(placed.status).toBe(201);
    const before = updates(stream.events).length;
    await stream.waitFor((e) => updates(e).length > before + 10, 10_000); // the stream is alive and past the order
    expect(stream.events.some((e) => e.type === 'order' || e.type === 'fill' || e.type === 'position')).toBe(false);
  });

  it('applies admin changes made on any instance everywhere: a feed created on one, an instrument added on another, paused and resumed on others, ticked by the producer', async () => {
    const admin = await signIn(scaled.shape.apps[1]!.url, 'admin@example.com', 'quoteline-admin');
    const on = (app: App, path: string, method: string, body?: object) =>
      fetch(`${app.url}${path}`, {
        method,
        headers: { 'Content-Type': 'application/json', Origin: app.url, cookie: admin.cookie },
        body: body && JSON.stringify(body),
      });
    expect(
      (
        await on(scaled.shape.apps[1]!, '/api/admin/feeds', 'POST', {
          slug: 'alt',
          name: 'Alt',
          source: 'simulator',
          tickIntervalMs: 200,
        })
      ).status,
    ).toBe(201);
    await waitUntil(
      async () =>
        (
          await fetch(`${scaled.shape.apps[2]!.url}/api/stream?topics=feed:alt`, {
            method: 'HEAD',
            headers: { Accept: 'text/event-stream' },
          }).catch(() => null)
        )?.status !== 404,
      'the feed known on app-3',
      5_000,
      100,
    );
    expect(
      (
        await on(scaled.shape.apps[2]!, '/api/admin/feeds/alt/instruments', 'POST', {
          symbol: 'ALT1',
          name: 'Alt one',
          price: 10,
        })
      ).status,
    ).toBe(201);
    const watcher = await open(scaled.shape.apps[0]!.url, '/api/stream?topics=feed:alt');
    await watcher.waitFor(
      (e) => e.some((x) => x.type === 'add' && x.data.symbol === 'ALT1') && updates(e).length >= 3,
      10_000,
    );
    expect((await on(scaled.shape.apps[0]!, '/api/admin/feeds/alt/pause', 'POST')).status).toBe(200);
    await watcher.waitFor((e) => e.some((x) => x.type === 'status' && x.data.status === 'paused'), 5_000);
    const frozen = updates(watcher.events).length;
    await sleep(1_000);
    expect(updates(watcher.events).length).toBe(frozen);
    expect((await on(scaled.shape.apps[2]!, '/api/admin/feeds/alt/resume', 'POST')).status).toBe(200);
    await watcher.waitFor((e) => updates(e).length > frozen + 2, 5_000);
  });

  it('counts failed sign-ins across instances: the sixth wrong password is refused whichever instance gets it', async () => {
    const attempt = (app: App) =>
      fetch(`${app.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: app.url },
        body: JSON.stringify({ email: 'guesser@example.com', password: 'wrong' }),
      });
    for (let i = 0; i < 5; i++) expect((await attempt(scaled.shape.apps[i % 3]!)).status).toBe(401);
    for (const app of scaled.shape.apps) {
      const refused = await attempt(app);
      expect(refused.status).toBe(429);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('too_many_requests');
    }
  });

  it('keeps one producer when the producer is frozen and thawed: the old one cannot publish (fencing)', async () => {
    const [first] = await producers(scaled.shape.apps);
    const frozen = scaled.shape.apps.find((a) => a.name === first)!;
    const watcher = await open(scaled.shape.apps.find((a) => a !== frozen)!.url, '/api/stream?topics=feed:demo');
    await watcher.waitFor((e) => updates(e).length > 0, 10_000);
    process.kill(-frozen.pid!, 'SIGSTOP');
    const stoppedAt = Date.now();
    const others = scaled.shape.apps.filter((a) => a !== frozen);
    await waitUntil(async () => (await producers(others)).length === 1, 'a new producer', 10_000, 100);
    const takeoverMs = Date.now() - stoppedAt;
    console.log(`producer takeover after SIGSTOP: ${takeoverMs} ms`);
    expect(takeoverMs).toBeLessThan(5_000 + 1_000); // the lease's bound, plus polling slack
    process.kill(-frozen.pid!, 'SIGCONT');
    await waitUntil(
      async () => (await producers(scaled.shape.apps)).length === 1,
      'exactly one producer after the thaw',
      10_000,
      100,
    );
    await sleep(1_500);
    const ids = updates(watcher.events).map((e) => e.id!);
    expect(new Set(ids).size).toBe(ids.length); // no update twice
    expect(await producers(scaled.shape.apps)).toHaveLength(1);
  });

  it('nginx answers 429 past the per-client limits and sends the security headers', async () => {
    const https = (path: string, init: { method?: string; body?: string; headers?: Record<string, string> } = {}) =>
      new Promise<{ status: number; headers: Record<string, unknown> }>((done, fail) => {
        const request = httpsRequest(
          new URL(path, scaled.shape.url),
          { method: init.method ?? 'GET', ca: scaled.ca, headers: init.headers },
          (res) => {
            res.resume();
            res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers }));
          },
        );
        request.on('error', fail);
        request.end(init.body);
      });
    const page = await https('/');
    expect(page.status).toBe(200);
    expect(page.headers['strict-transport-security']).toMatch(/max-age=/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const signIns = await Promise.all(
      Array.from({ length: 14 }, () =>
        https('/api/session', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Origin: scaled.shape.url },
          body: JSON.stringify({ email: 'nobody@example.com', password: 'x' }),
        }),
      ),
    );
    // nginx's own 429 (HTML), not the app's sign-in throttle (JSON).
    expect(
      signIns.filter((r) => r.status === 429 && String(r.headers['content-type']).startsWith('text/html')).length,
    ).toBeGreaterThan(0);
    const held = await Promise.all(
      Array.from({ length: 4 }, () => open(scaled.shape.url, '/api/stream?topics=feed:demo')),
    );
    const refused = await openTestStream(
      scaled.shape.url,
      '/api/stream?topics=feed:demo',
      { Accept: 'text/event-stream' },
      { ca: scaled.ca },
    );
    streams.push(refused);
    expect(refused.status).toBe(429);
    for (const s of held) s.close();
  });

  it('survives a Redis restart that lost its data: orders are accepted meanwhile, instances reconnect, streams get a reset and go on', async () => {
    const stream = await open(scaled.shape.apps[0]!.url, '/api/stream?topics=feed:demo');
    await stream.waitFor((e) => updates(e).length > 0, 10_000);
    const trader = await signIn(scaled.shape.apps[1]!.url, 'trader@example.com', 'quoteline-trader');
    await scaled.shape.redis.stop();
    const placed = await trader.order({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 });
    expect(placed.status).toBe(201); // the database, not Redis, is the truth for orders
    await waitUntil(
      async () => (await health(scaled.shape.apps[1]!))?.bus === 'error',
      'the bus reported down',
      10_000,
      200,
    );
    // Liveness stays 200 (the process is up); readiness says the instance cannot serve everything.
    const unready = await fetch(`${scaled.shape.apps[1]!.url}/api/health/ready`);
    expect(unready.status).toBe(503);
    expect(unready.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await unready.json()).toMatchObject({ status: 'unavailable', db: 'ok', bus: 'error' });
    const redis = await startRedis({ port: scaled.shape.redis.port, dir: join(scaled.dataDir, 'redis') });
    scaled.shape.redis.stop = redis.stop;
    const restartedAt = Date.now();
    await waitUntil(
      async () => (await Promise.all(scaled.shape.apps.map(health))).every((h) => h?.bus === 'ok'),
      'every instance back on the bus',
      20_000,
      200,
    );
    for (const app of scaled.shape.apps) expect((await fetch(`${app.url}/api/health/ready`)).status).toBe(200);
    await stream.waitFor((e) => e.some((x) => x.type === 'reset'), 15_000);
    const resetAt = stream.events.findIndex((e) => e.type === 'reset');
    await stream.waitFor((e) => updates(e.slice(resetAt)).length > 5, 15_000);
    console.log(
      `after a Redis restart: all instances on the bus again and streams live within ${Date.now() - restartedAt} ms`,
    );
    await waitUntil(
      async () => (await producers(scaled.shape.apps)).length === 1,
      'one producer after the restart',
      10_000,
      200,
    );
  });

  it('fails over when the producer is killed: another takes over within 5 s and the log goes on without duplicates', async () => {
    const [name] = await producers(scaled.shape.apps);
    const producer = scaled.shape.apps.find((a) => a.name === name)!;
    const survivor = scaled.shape.apps.find((a) => a !== producer)!;
    const watcher = await open(survivor.url, '/api/stream?topics=feed:demo');
    await watcher.waitFor((e) => updates(e).length > 0, 10_000);
    const killedAt = Date.now();
    await producer.kill();
    const rest = scaled.shape.apps.filter((a) => a !== producer);
    await waitUntil(async () => (await producers(rest)).length === 1, 'a new producer', 10_000, 100);
    const takeoverMs = Date.now() - killedAt;
    console.log(`producer failover after kill -9: ${takeoverMs} ms`);
    expect(takeoverMs).toBeLessThan(5_000 + 1_000);
    const before = updates(watcher.events).length;
    await watcher.waitFor((e) => updates(e).length > before + 20, 10_000);
    const ids = updates(watcher.events).map((e) => e.id!);
    expect(new Set(ids).size).toBe(ids.length);
    expect(watcher.events.some((e) => e.type === 'reset')).toBe(false);
    // The new producer continues each walk from the last published price (it followed the log), not from a stale one.
    const all = updates(watcher.events) as Extract<StreamEvent, { type: 'update' }>[];
    const lastBefore = new Map(all.slice(0, before).map((e) => [e.data.symbol, e.data.price]));
    for (const e of all.slice(before)) {
      const previous = lastBefore.get(e.data.symbol);
      if (previous === undefined) continue;
      expect(Math.abs(e.data.price - previous) / previous).toBeLessThan(0.02);
      lastBefore.delete(e.data.symbol);
    }
    scaled.shape.apps.splice(scaled.shape.apps.indexOf(producer), 1);
  });

  it('resumes a client whose instance was killed on another instance through nginx, with the same events as a client that stayed', async () => {
    expect(scaled.shape.apps.length).toBeGreaterThanOrEqual(2);
    const [doomed, staying] = [scaled.shape.apps[0]!, scaled.shape.apps[1]!];
    const stayer = await open(staying.url, '/api/stream?topics=feed:demo');
    const mover = await open(doomed.url, '/api/stream?topics=feed:demo');
    await mover.waitFor((e) => updates(e).length >= 3, 10_000);
    await doomed.kill();
    await mover.ended;
    const resumeFrom = lastId(mover.events)!;
    const resumed = await open(scaled.shape.url, '/api/stream?topics=feed:demo', { 'Last-Event-ID': resumeFrom });
    await resumed.waitFor((e) => updates(e).length >= 10, 15_000);
    expect(resumed.events.some((e) => e.type === 'reset')).toBe(false);
    const target = lastId(resumed.events)!;
    await stayer.waitFor((e) => e.some((x) => x.id === target), 10_000);
    const after = (events: readonly StreamEvent[]) => {
      const from = events.findIndex((e) => e.id === resumeFrom);
      const to = events.findIndex((e) => e.id === target);
      return events
        .slice(from + 1, to + 1)
        .filter((e) => e.id !== undefined)
        .map((e) => [e.id, e.type, JSON.stringify(e.data)]);
    };
    const moved = [
      ...mover.events.filter((e) => e.id !== undefined),
      ...resumed.events.filter((e) => e.id !== undefined && e.type !== 'ready'),
    ];
    expect(after(moved)).toEqual(after(stayer.events));
    scaled.shape.apps.splice(scaled.shape.apps.indexOf(doomed), 1);
  });
});
