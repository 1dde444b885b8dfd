import { describe, expect, inject, it } from 'vitest';
import { openTestStream } from '../support/sseClient';

const baseUrl = inject('baseUrl');

async function waitForConnections(expected: number, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    last = ((await (await fetch(`${baseUrl}/api/health`)).json()) as { connections: number }).connections;
    if (last === expected) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  return last;
}

describe('GET /api/health', () => {
  it('reports ok with instance, db and bus', async () => {
    const response = await fetch(`${baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', instance: 'it-1', db: 'ok', bus: 'ok' });
  });
});

describe('GET /api/stream refusals', () => {
  it.each([
    ['no Accept header', {}],
    ['a wildcard Accept', { Accept: '*/*' }],
    ['JSON only', { Accept: 'application/json' }],
  ])('answers 406 not_acceptable to %s', async (_name, headers) => {
    const response = await fetch(`${baseUrl}/api/stream?topics=feed:demo`, {
      headers: headers as Record<string, string>,
    });
    expect(response.status).toBe(406);
    expect(await response.json()).toMatchObject({ error: { code: 'not_acceptable' } });
  });

  const tooMany = `topics=${Array.from({ length: 40 }, (_, i) => `feed:f${i}`).join(',')}`;
  it.each([
    ['no topics parameter', ''],
    ['an empty list', 'topics='],
    ['a bare name', 'topics=demo'],
    ['an uppercase slug', 'topics=feed:Demo'],
    ['only malformed topics', 'topics=stocks:x,feed:-x'],
    ['40 topics', tooMany],
  ])('answers 400 invalid_topic to %s', async (_name, query) => {
    const response = await fetch(`${baseUrl}/api/stream?${query}`, { headers: { Accept: 'text/event-stream' } });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_topic');
    expect(body.error.message.length).toBeGreaterThan(10);
  });

  it('answers 404 unknown_topic for a feed that does not exist', async () => {
    const response = await fetch(`${baseUrl}/api/stream?topics=feed:nope`, {
      headers: { Accept: 'text/event-stream' },
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'unknown_topic' } });
  });

  it('answers 403 forbidden for an account topic without a session', async () => {
    const response = await fetch(`${baseUrl}/api/stream?topics=account:someone`, {
      headers: { Accept: 'text/event-stream' },
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'forbidden' } });
  });
});

describe('GET /api/stream', () => {
  it('sends retry, ready, ten adds, then live updates, unbuffered and uncompressed', async () => {
    const stream = await openTestStream(baseUrl, '/api/stream?topics=feed:demo', {
      Accept: 'text/event-stream',
      'Accept-Encoding': 'gzip, br',
    });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
      expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
      expect(stream.headers['x-accel-buffering']).toBe('no');
      expect(stream.headers['content-encoding']).toBeUndefined();
      // Two ticks of the ten instruments: ticks are 500 ms apart, so at least three separate writes have arrived.
      await stream.waitFor((events) => events.filter((e) => e.type === 'update').length >= 20, 3000);
      expect(stream.retries.length).toBe(1);
      expect(stream.chunks[0]!.text.startsWith('retry:')).toBe(true);
      const types = stream.events.map((e) => e.type);
      expect(types[0]).toBe('ready');
      expect(types.slice(1, 11)).toEqual(Array(10).fill('add'));
      expect(new Set(stream.events.slice(1, 11).map((e) => (e.data as { symbol: string }).symbol)).size).toBe(10);
      expect(types.slice(11).every((t) => t === 'update')).toBe(true);
      const ready = stream.events[0]!.data as { connectionId: string; token: string; instance: string };
      expect(ready.instance).toBe('it-1');
      expect(ready.token.length).toBeGreaterThanOrEqual(16);
      // Every event after ready carries an id; ids never go backwards.
      const ids = stream.events.slice(1).map((e) => Number(e.id!.split(':')[1]));
      expect(ids.every((id, i) => i === 0 || id >= ids[i - 1]!)).toBe(true);
      // Updates arrive over time in separate writes, not buffered until the end.
      expect(new Set(stream.chunks.map((c) => c.at)).size).toBeGreaterThan(2);
    } finally {
      stream.close();
    }
  });

  it('sends keep-alive comments on the configured interval', async () => {
    const stream = await openTestStream(baseUrl, '/api/stream?topics=feed:demo');
    try {
      await new Promise((r) => setTimeout(r, 1300));
      expect(stream.comments.filter((c) => c === 'keep-alive').length).toBeGreaterThanOrEqual(2);
    } finally {
      stream.close();
    }
  });

  it('holds zero connections after 200 streams are opened and closed', async () => {
    expect(await waitForConnections(0)).toBe(0);
    const streams = await Promise.all(
      Array.from({ length: 200 }, () => openTestStream(baseUrl, '/api/stream?topics=feed:demo')),
    );
    expect(streams.every((s) => s.status === 200)).toBe(true);
    expect(await waitForConnections(200)).toBe(200);
    for (const s of streams) s.close();
    expect(await waitForConnections(0)).toBe(0);
  });
});

describe('POST /api/stream/subscriptions', () => {
  const post = (body: unknown, contentType = 'application/json') =>
    fetch(`${baseUrl}/api/stream/subscriptions`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: JSON.stringify(body),
    });

  it('refuses unknown connections, wrong tokens and bad topics', async () => {
    const stream = await openTestStream(baseUrl, '/api/stream?topics=feed:demo');
    try {
      await stream.waitFor((events) => events.some((e) => e.type === 'ready'));
      const ready = stream.events[0]!.data as { connectionId: string; token: string };
      expect((await post({ connectionId: 'nope', token: ready.token, subscribe: ['feed:demo'] })).status).toBe(404);
      expect(
        (await post({ connectionId: ready.connectionId, token: 'x'.repeat(32), subscribe: ['feed:demo'] })).status,
      ).toBe(403);
      // A bad topic is refused alone: the request answers 200 and names it.
      const bad = await post({ connectionId: ready.connectionId, token: ready.token, subscribe: ['nope'] });
      expect(bad.status).toBe(200);
      expect(await bad.json()).toMatchObject({
        topics: ['feed:demo'],
        refused: [{ topic: 'nope', code: 'invalid_topic' }],
      });
      const missing = await post({ connectionId: ready.connectionId, token: ready.token, subscribe: ['feed:missing'] });
      expect(await missing.json()).toMatchObject({ refused: [{ topic: 'feed:missing', code: 'unknown_topic' }] });
      expect((await post({ connectionId: ready.connectionId }, 'text/plain')).status).toBe(400);
      const ok = await post({ connectionId: ready.connectionId, token: ready.token, unsubscribe: ['feed:demo'] });
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ topics: [], refused: [] });
    } finally {
      stream.close();
    }
  });
});
