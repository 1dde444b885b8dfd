import { describe, expect, it } from 'vitest';
import type { StatsEvent, StreamEvent } from '@quoteline/protocol';
import { signIn } from '../support/session';
import { appPerFile } from '../support/signedInApp';
import { openTestStream, type TestStream } from '../support/sseClient';

// Live connection statistics: every instance appends a `stats` sample to the
// admin-only `admin:connections` topic; admins read it on the one stream.

const app = appPerFile({ env: { QUOTELINE_INSTANCE: 'it-stats', QUOTELINE_STATS_MS: '200' } });

const SSE = { Accept: 'text/event-stream' };
const samples = (events: readonly StreamEvent[]) =>
  events.flatMap((e) => (e.type === 'stats' ? [e.data as StatsEvent] : []));
const latest = (s: TestStream) => samples(s.events).at(-1);

describe('admin:connections', () => {
  it("delivers this instance's samples to an admin, counting the streams that are open", async () => {
    const watcher = await openTestStream(app.server.url, '/api/stream?topics=admin:connections', {
      ...SSE,
      cookie: app.admin.cookie,
    });
    const feeds: TestStream[] = [];
    try {
      expect(watcher.status).toBe(200);
      await watcher.waitFor((events) => samples(events).some((s) => s.streams === 1), 5000);
      const N = 5;
      for (let i = 0; i < N; i++) feeds.push(await openTestStream(app.server.url, '/api/stream?topics=feed:demo'));
      await watcher.waitFor((events) => samples(events).at(-1)?.streams === N + 1, 5000);
      const sample = latest(watcher)!;
      expect(sample).toMatchObject({
        topic: 'admin:connections',
        instance: 'it-stats',
        intervalMs: 200,
        streams: N + 1,
        topicCount: 2,
      });
      expect(sample.topics).toEqual([
        { topic: 'feed:demo', streams: N },
        { topic: 'admin:connections', streams: 1 },
      ]);
      expect(sample.slowest).toHaveLength(5);
      expect(sample.slowest.every((c) => c.principal === 'anonymous' || c.principal === 'admin')).toBe(true);
      expect(new Set(sample.slowest.map((c) => c.connectionId)).size).toBe(5);
      expect(sample.eventsPerSecond).toBeGreaterThan(0); // the demo feed ticks to five readers
      expect(sample.bytesPerSecond).toBeGreaterThan(0);

      // Samples never reach other topics' streams, nor their snapshots.
      for (const f of feeds) expect(f.events.some((e) => e.type === 'stats')).toBe(false);

      for (const f of feeds) f.close();
      await watcher.waitFor((events) => samples(events).at(-1)?.streams === 1, 5000);
      expect(latest(watcher)!.topics).toEqual([{ topic: 'admin:connections', streams: 1 }]);
    } finally {
      for (const f of feeds) f.close();
      watcher.close();
    }
  });

  it('snapshots the latest sample of each instance for a new admin subscriber, with the snapshot id', async () => {
    const watcher = await openTestStream(app.server.url, '/api/stream?topics=admin:connections', {
      ...SSE,
      cookie: app.admin.cookie,
    });
    try {
      await watcher.waitFor((events) => events.length >= 2, 2000);
      const [ready, first] = watcher.events;
      expect(ready!.type).toBe('ready');
      // The latest sample is at most one interval old, so it is in the snapshot: at once, not after the next tick.
      expect(first).toMatchObject({ type: 'stats', data: { instance: 'it-stats' } });
    } finally {
      watcher.close();
    }
  });

  it('refuses the topic to traders, signed-out readers and embed keys: 403 over GET, refused alone over POST', async () => {
    for (const headers of [{ ...SSE, cookie: app.trader.cookie }, SSE]) {
      const refused = await fetch(`${app.server.url}/api/stream?topics=admin:connections`, { headers });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ error: { code: 'forbidden' } });
    }
    const embedded = await fetch(`${app.server.url}/api/stream?topics=admin:connections&key=pk_demo_localhost_only`, {
      headers: { ...SSE, Origin: 'http://localhost:4000' },
    });
    expect(embedded.status).toBe(403);

    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:demo', {
      ...SSE,
      cookie: app.trader.cookie,
    });
    try {
      await stream.waitFor((events) => events.length > 0, 2000);
      const { connectionId, token } = stream.events[0]!.data as { connectionId: string; token: string };
      const post = await app.trader.fetch('/api/stream/subscriptions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ connectionId, token, subscribe: ['admin:connections'] }),
      });
      expect(post.status).toBe(200);
      expect(await post.json()).toMatchObject({
        topics: ['feed:demo'],
        refused: [{ topic: 'admin:connections', code: 'forbidden' }],
      });
      await new Promise((r) => setTimeout(r, 500));
      expect(stream.events.some((e) => e.type === 'stats')).toBe(false);
    } finally {
      stream.close();
    }
  });

  it('stops sending samples to a stream whose admin signs out', async () => {
    const session = await signIn(app.server.url, 'admin@example.com', 'quoteline-admin');
    const watcher = await openTestStream(app.server.url, '/api/stream?topics=admin:connections', {
      ...SSE,
      cookie: session.cookie,
    });
    try {
      await watcher.waitFor((events) => samples(events).length >= 2, 5000);
      expect((await session.fetch('/api/session', { method: 'DELETE' })).status).toBe(204);
      const seen = samples(watcher.events).length;
      await new Promise((r) => setTimeout(r, 800)); // four intervals
      expect(samples(watcher.events).length).toBeLessThanOrEqual(seen + 1); // one may have been on its way
    } finally {
      watcher.close();
    }
  });
});
