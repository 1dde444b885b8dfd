import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/appServer';
import { openTestStream, type TestStream } from '../support/sseClient';
import { signIn, type TestSession } from '../support/session';
import { getHealth, sleep, waitUntil } from '../support/streamTools';

// The stream's exact bytes for a scripted sequence (snapshot, updates, a live
// add and remove, pause and resume, a reset with fresh snapshots), compared
// with the transcript recorded from the stream as it was served before
// (tests/integration/fixtures/stream-frames.txt; QUOTELINE_RECORD_FRAMES=1
// writes it anew). Ids, connection credentials and engine timestamps vary per
// run and are numbered or blanked; everything else must match to the byte.

const FIXTURE = join(import.meta.dirname, 'fixtures', 'stream-frames.txt');
let server: AppServer;
let admin: TestSession;
let pushToken: string;
const SSE = { Accept: 'text/event-stream', 'Accept-Encoding': 'gzip, br' };

beforeAll(async () => {
  server = await startAppServer({ env: { QUOTELINE_INSTANCE: 'it-frames', QUOTELINE_KEEPALIVE_MS: '15000' } });
  admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
  const json = { 'Content-Type': 'application/json' };
  const created = await admin.fetch('/api/admin/feeds', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ slug: 'golden', name: 'Golden', source: 'push' }),
  });
  pushToken = ((await created.json()) as { pushToken: string }).pushToken;
  await admin.fetch('/api/admin/feeds/golden/instruments', {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ symbol: 'GOLD', name: 'Gold', price: 10 }),
  });
});
afterAll(() => server?.stop());

const push = (price: number, ts: number) =>
  fetch(`${server.url}/api/feeds/golden/ticks`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${pushToken}` },
    body: JSON.stringify({ ticks: [{ symbol: 'GOLD', price, bid: price - 0.01, ask: price + 0.01, ts }] }),
  });
const post = (path: string, body?: unknown) =>
  admin.fetch(path, {
    method: body === undefined ? 'POST' : 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const text = (s: TestStream) => s.chunks.map((c) => c.text).join('');

/** Numbers ids in order of appearance, blanks what differs per run (credentials, instance, engine timestamps). */
function normalise(transcript: string, t0: number): string {
  const ids = new Map<string, string>();
  return transcript
    .replace(
      /^id: (.+)$/gm,
      (_line, id: string) => `id: #${ids.get(id) ?? (ids.set(id, String(ids.size + 1)), ids.get(id))}`,
    )
    .replace(/"connectionId":"[^"]+"/g, '"connectionId":"C"')
    .replace(/"token":"[^"]+"/g, '"token":"T"')
    .replace(
      /"ts":(\d+)/g,
      (_m, ts: string) => `"ts":${Number(ts) - t0 >= 0 && Number(ts) - t0 < 1000 ? `t0+${Number(ts) - t0}` : 'now'}`,
    );
}

describe('the stream’s bytes', () => {
  it('answer a scripted sequence exactly as before, headers included', async () => {
    const t0 = Date.now() - 60_000; // pushed ticks carry t0+n; everything else is stamped by the engine
    const first = await openTestStream(server.url, '/api/stream?topics=feed:golden', SSE);
    expect(first.status).toBe(200);
    expect({
      type: first.headers['content-type'],
      cache: first.headers['cache-control'],
      buffering: first.headers['x-accel-buffering'],
      encoding: first.headers['content-encoding'],
      chunked: first.headers['transfer-encoding'],
    }).toEqual({
      type: 'text/event-stream; charset=utf-8',
      cache: 'no-cache, no-transform',
      buffering: 'no',
      encoding: undefined,
      chunked: 'chunked',
    });
    await first.waitFor((e) => e.some((x) => x.type === 'add'));
    const step = async (run: () => Promise<Response>, count: number) => {
      const before = first.events.length;
      expect((await run()).ok).toBe(true);
      await first.waitFor((e) => e.length >= before + count);
    };
    await step(() => push(10.5, t0 + 1), 1);
    await step(() => push(11.25, t0 + 2), 1);
    await step(() => post('/api/admin/feeds/golden/instruments', { symbol: 'SILV', name: 'Silver', price: 5 }), 1);
    await step(() => admin.fetch('/api/admin/feeds/golden/instruments/SILV', { method: 'DELETE' }), 1);
    await step(() => post('/api/admin/feeds/golden/pause'), 1);
    await step(() => post('/api/admin/feeds/golden/resume'), 1);
    await step(() => push(12, t0 + 3), 1);
    first.close();

    const foreign = await openTestStream(server.url, '/api/stream?topics=feed:golden', {
      ...SSE,
      'Last-Event-ID': 'Zz0Zz0Zz:1',
    });
    await foreign.waitFor((e) => e.filter((x) => x.type === 'add').length === 1);
    await sleep(200);
    foreign.close();

    const transcript = `${normalise(text(first), t0)}--- resume with a foreign id ---\n${normalise(text(foreign), t0)}`;
    if (process.env.QUOTELINE_RECORD_FRAMES === '1' || !existsSync(FIXTURE)) writeFileSync(FIXTURE, transcript);
    expect(transcript).toBe(readFileSync(FIXTURE, 'utf8'));
  });

  it('frees a stream within a second of its client going away', async () => {
    // The streams the test before closed may still be counted for a moment: start from none.
    await waitUntil(async () => (await getHealth(server.url)).connections === 0, 'earlier streams freed', 10_000, 20);
    const s = await openTestStream(server.url, '/api/stream?topics=feed:demo', SSE);
    await s.waitFor((e) => e.some((x) => x.type === 'add'));
    expect((await getHealth(server.url)).connections).toBe(1);
    const closedAt = Date.now();
    s.close();
    await waitUntil(async () => (await getHealth(server.url)).connections === 0, 'the stream to be freed', 1_000, 20);
    expect(Date.now() - closedAt).toBeLessThanOrEqual(1_000);
  });

  it('answers other methods with 405 and Allow, and OPTIONS with 204', async () => {
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const answer = await fetch(`${server.url}/api/stream?topics=feed:demo`, { method, headers: SSE });
      expect([method, answer.status, answer.headers.get('allow'), await answer.text()]).toEqual([
        method,
        405,
        'GET, OPTIONS',
        '',
      ]);
    }
    const options = await fetch(`${server.url}/api/stream`, { method: 'OPTIONS' });
    expect([options.status, options.headers.get('allow')]).toEqual([204, 'GET, OPTIONS']);
  });
});
