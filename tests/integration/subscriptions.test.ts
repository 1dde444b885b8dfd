import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadyEvent, StreamEvent } from '@quoteline/protocol';
import { feedSql, startAppServer, type AppServer } from '../support/appServer';
import { openTestStream, type TestStream } from '../support/sseClient';
import { getHealth, lastId, offsetOf, sleep, waitUntil } from '../support/streamTools';

// POST /api/stream/subscriptions changes the topics of an open stream: new
// topics' snapshots arrive on that same stream, removed topics stop at once,
// a refused topic is refused alone, and a refused request changes nothing.

let server: AppServer;
const open: TestStream[] = [];
/** 32 extra feeds that barely tick, to reach the per-stream topic limit with real feeds. */
const LIMIT_FEEDS = Array.from({ length: 32 }, (_, i) => `lim-${i}`);

beforeAll(async () => {
  server = await startAppServer({
    env: { QUOTELINE_INSTANCE: 'subscriptions-1' },
    sql: [
      // The demo feed ticks every 50 ms here, so "a few ticks" is short.
      "UPDATE Feed SET tickIntervalMs = 50 WHERE slug = 'demo';",
      feedSql('second', { tickMs: 50, count: 5 }),
      ...LIMIT_FEEDS.map((slug) => feedSql(slug, { tickMs: 3_600_000, count: 1 })),
    ].join('\n'),
  });
});

afterAll(async () => {
  for (const s of open) s.close();
  await server?.stop();
});

async function openStream(topics: string): Promise<{ stream: TestStream; ready: ReadyEvent }> {
  const stream = await openTestStream(server.url, `/api/stream?topics=${topics}`);
  open.push(stream);
  expect(stream.status).toBe(200);
  await stream.waitFor((events) => events.some((e) => e.type === 'update'), 5000);
  return { stream, ready: stream.events[0]!.data as ReadyEvent };
}

function post(body: unknown, init: { contentType?: string; raw?: string } = {}) {
  return fetch(`${server.url}/api/stream/subscriptions`, {
    method: 'POST',
    headers: { 'Content-Type': init.contentType ?? 'application/json' },
    body: init.raw ?? JSON.stringify(body),
  });
}

const topicOf = (e: StreamEvent) => (e.data as { topic?: string }).topic;
const ofTopic = (events: StreamEvent[], topic: string, type?: StreamEvent['type']) =>
  events.filter((e) => topicOf(e) === topic && (type === undefined || e.type === type));

describe('POST /api/stream/subscriptions', () => {
  it('subscribes a second feed: its snapshot arrives as adds on the same stream, then its updates', async () => {
    const { stream, ready } = await openStream('feed:demo');
    const before = stream.events.length;
    const lastBefore = offsetOf(lastId(stream.events));

    const response = await post({ connectionId: ready.connectionId, token: ready.token, subscribe: ['feed:second'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ topics: ['feed:demo', 'feed:second'], refused: [] });

    await stream.waitFor((events) => ofTopic(events.slice(before), 'feed:second', 'update').length >= 5, 5000);
    const after = stream.events.slice(before);
    expect(after.some((e) => e.type === 'ready' || e.type === 'reset')).toBe(false);
    const second = ofTopic(after, 'feed:second');
    // The snapshot first: five adds at one id, no earlier than anything the stream already carried.
    const adds = second.slice(0, 5);
    expect(adds.map((e) => e.type)).toEqual(Array(5).fill('add'));
    expect(new Set(adds.map((e) => (e.data as { symbol: string }).symbol)).size).toBe(5);
    expect(adds.every((e) => e.id === adds[0]!.id)).toBe(true);
    const snapshotAt = offsetOf(adds[0]!.id);
    expect(snapshotAt).toBeGreaterThanOrEqual(lastBefore);
    // Then only later updates of that feed; the stream's ids never go backwards.
    expect(second.slice(5).every((e) => e.type === 'update' && offsetOf(e.id) > snapshotAt)).toBe(true);
    const ids = stream.events.slice(1).map((e) => offsetOf(e.id));
    expect(ids.every((id, i) => i === 0 || id >= ids[i - 1]!)).toBe(true);
    // The first feed goes on as before.
    expect(ofTopic(after, 'feed:demo', 'update').length).toBeGreaterThan(0);
  });

  it('unsubscribes a feed: none of its events after the answer, while the other feed goes on', async () => {
    const { stream, ready } = await openStream('feed:demo,feed:second');
    await stream.waitFor(
      (events) =>
        ofTopic(events, 'feed:second', 'update').length > 0 && ofTopic(events, 'feed:demo', 'update').length > 0,
      5000,
    );

    const response = await post({ connectionId: ready.connectionId, token: ready.token, unsubscribe: ['feed:demo'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ topics: ['feed:second'], refused: [] });
    const unsubscribedBy = offsetOf((await getHealth(server.url)).head);

    // A few demo ticks (50 ms each) pass; the stream keeps carrying feed:second beyond that point.
    await sleep(400);
    await stream.waitFor(
      (events) => events.some((e) => topicOf(e) === 'feed:second' && offsetOf(e.id) > unsubscribedBy + 20),
      5000,
    );
    const lateDemo = ofTopic(stream.events, 'feed:demo').filter((e) => offsetOf(e.id) > unsubscribedBy);
    expect(lateDemo).toEqual([]);
  });

  it('subscribing a topic the stream already carries changes nothing and sends no second snapshot', async () => {
    const { stream, ready } = await openStream('feed:demo');
    const before = stream.events.length;
    const response = await post({ connectionId: ready.connectionId, token: ready.token, subscribe: ['feed:demo'] });
    expect(await response.json()).toEqual({ topics: ['feed:demo'], refused: [] });
    await sleep(200);
    expect(stream.events.slice(before).filter((e) => e.type === 'add')).toEqual([]);
  });

  it('carries at most 32 topics: the first that fit are added, the rest refused alone with invalid_topic', async () => {
    const { stream, ready } = await openStream('feed:demo');
    const auth = { connectionId: ready.connectionId, token: ready.token };
    const tooMany = await post({ ...auth, subscribe: LIMIT_FEEDS.map((s) => `feed:${s}`) });
    expect(tooMany.status).toBe(200);
    const body = (await tooMany.json()) as { topics: string[]; refused: { topic: string; code: string }[] };
    expect(body.topics).toHaveLength(32);
    expect(body.refused).toEqual([expect.objectContaining({ topic: 'feed:lim-31', code: 'invalid_topic' })]);
    await stream.waitFor((events) => ofTopic(events, 'feed:lim-30', 'add').length === 1, 5000);
    await sleep(100);
    expect(ofTopic(stream.events, 'feed:lim-31')).toEqual([]);
    const one = await post({ ...auth, subscribe: ['feed:lim-31'] });
    expect(await one.json()).toMatchObject({ refused: [{ topic: 'feed:lim-31', code: 'invalid_topic' }] });
  });

  it('adds the good topics of a request and refuses each bad one alone, with its code', async () => {
    const { stream, ready } = await openStream('feed:demo');
    const response = await post({
      connectionId: ready.connectionId,
      token: ready.token,
      subscribe: ['feed:nope', 'feed:second', 'account:someone', 'stocks:x', 'admin:connections'],
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      topics: ['feed:demo', 'feed:second'],
      refused: [
        { topic: 'feed:nope', code: 'unknown_topic', message: expect.any(String) },
        { topic: 'account:someone', code: 'forbidden', message: expect.any(String) },
        { topic: 'stocks:x', code: 'invalid_topic', message: expect.any(String) },
        { topic: 'admin:connections', code: 'forbidden', message: expect.any(String) },
      ],
    });
    await stream.waitFor((events) => ofTopic(events, 'feed:second', 'add').length === 5, 5000);
  });
});

describe('POST /api/stream/subscriptions refusals', () => {
  let stream: TestStream;
  let auth: { connectionId: string; token: string };

  beforeAll(async () => {
    const opened = await openStream('feed:demo');
    stream = opened.stream;
    auth = { connectionId: opened.ready.connectionId, token: opened.ready.token };
  });

  const cases: [string, number, string, () => { body?: unknown; contentType?: string; raw?: string }, boolean][] = [
    [
      'an unknown connectionId',
      404,
      'not_found',
      () => ({ body: { ...auth, connectionId: 'nope', subscribe: ['feed:second'] } }),
      false,
    ],
    [
      'a wrong token',
      403,
      'forbidden',
      () => ({ body: { ...auth, token: 'x'.repeat(32), subscribe: ['feed:second'] } }),
      false,
    ],
    [
      '33 topics in one list',
      400,
      'invalid_topic',
      () => ({ body: { ...auth, subscribe: Array.from({ length: 33 }, (_, i) => `feed:f${i}`) } }),
      true,
    ],
    ['a body that is not JSON', 400, 'invalid_body', () => ({ raw: '{"connectionId":' }), false],
    [
      'a body sent as text/plain',
      400,
      'invalid_body',
      () => ({ body: { ...auth, subscribe: ['feed:second'] }, contentType: 'text/plain' }),
      false,
    ],
    [
      'a missing token',
      400,
      'invalid_body',
      () => ({ body: { connectionId: auth.connectionId, subscribe: ['feed:second'] } }),
      true,
    ],
    [
      'an unknown field',
      400,
      'invalid_body',
      () => ({ body: { ...auth, subscribe: ['feed:second'], topics: ['feed:second'] } }),
      true,
    ],
    [
      'a body over 16 KiB',
      413,
      'payload_too_large',
      () => ({ body: { ...auth, subscribe: ['feed:second'], pad: 'x'.repeat(17_000) } }),
      false,
    ],
  ];

  it.each(cases)(
    'answers %s with %i %s in the JSON error shape, changing nothing',
    async (_name, status, code, make, hasIssues) => {
      const { body, contentType, raw } = make();
      const response = await post(body, { contentType, raw });
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const error = ((await response.json()) as { error: { code: string; message: string; issues?: unknown[] } }).error;
      expect(error.code).toBe(code);
      expect(typeof error.message).toBe('string');
      expect(error.message.length).toBeGreaterThan(10);
      if (hasIssues) expect(error.issues?.length).toBeGreaterThan(0);
      // Nothing changed: the stream still carries feed:demo only, and no snapshot of another feed arrived.
      const unchanged = await post({ ...auth });
      expect(await unchanged.json()).toEqual({ topics: ['feed:demo'], refused: [] });
      expect(stream.events.filter((e) => e.type === 'add' && topicOf(e) !== 'feed:demo')).toEqual([]);
    },
  );

  it('answers 404 not_found once the stream has closed', async () => {
    const { stream: closing, ready } = await openStream('feed:demo');
    closing.close();
    await waitUntil(
      async () => (await post({ connectionId: ready.connectionId, token: ready.token })).status === 404,
      'the closed stream to be forgotten',
      5000,
      50,
    );
    const response = await post({ connectionId: ready.connectionId, token: ready.token, subscribe: ['feed:second'] });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('POST /api/stream/subscriptions rates', () => {
  it('slows one topic to one update per symbol per second on the wire, and brings it back at once', async () => {
    const { stream, ready } = await openStream('feed:demo,feed:second');
    const auth = { connectionId: ready.connectionId, token: ready.token };
    const slowed = await post({ ...auth, rates: { 'feed:second': 1000 } });
    expect(slowed.status).toBe(200);
    const from = stream.events.length;
    await sleep(3_000);
    const window = stream.events.slice(from);
    const second = window.filter((e) => e.type === 'update' && topicOf(e) === 'feed:second');
    // 5 instruments ticking every 50 ms: 300 updates in 3 s at full rate; at most 1 per symbol per second now.
    expect(second.length).toBeLessThanOrEqual(5 * 4);
    expect(second.every((e) => e.id === undefined)).toBe(true);
    expect(window.filter((e) => e.type === 'update' && topicOf(e) === 'feed:demo').length).toBeGreaterThan(200);
    const back = await post({ ...auth, rates: { 'feed:second': 0 } });
    expect(back.status).toBe(200);
    const after = stream.events.length;
    await sleep(1_000);
    // Full rate again: updates on the log's own path (with ids, which slowed ones never carry), past what the slowed rate
    // allows (5 a second) many times over. 100 are due in that second; a busy host delivers fewer, so the bound is the
    // slowed rate's, not the clock's.
    const resumed = stream.events
      .slice(after)
      .filter((e) => e.type === 'update' && topicOf(e) === 'feed:second' && e.id !== undefined);
    expect(resumed.length).toBeGreaterThan(5 * 4);
    const bad = await post({ ...auth, rates: { 'feed:second': 5 } });
    expect(bad.status).toBe(400);
  });
});
