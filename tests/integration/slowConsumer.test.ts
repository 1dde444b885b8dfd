import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent, UpdateEvent } from '@quoteline/protocol';
import { feedSql, startAppServer, type AppServer } from '../support/appServer';
import { openTestStream, type TestStream } from '../support/sseClient';
import { getHealth, lastId, offsetOf, rawGet, sleep, waitUntil, type RawRequest } from '../support/streamTools';

// A reader that stops reading must not make the server buffer without bound,
// nor slow down anybody else. The bound is QUOTELINE_MAX_QUEUE_BYTES (32 KiB
// here); the only producer is feed:flood, 80 instruments every 10 ms (8,000
// updates/s, about 1 MB/s), so the log offsets are the flood's ticks one by one.

const MAX_QUEUE_BYTES = 32 * 1024;
const INSTRUMENTS = 80;
const TOPIC = 'feed:flood';
const PATH = `/api/stream?topics=${TOPIC}`;

let server: AppServer;
const streams: TestStream[] = [];
const raws: RawRequest[] = [];

beforeAll(async () => {
  server = await startAppServer({
    env: {
      QUOTELINE_INSTANCE: 'slow-1',
      QUOTELINE_MAX_QUEUE_BYTES: String(MAX_QUEUE_BYTES),
      QUOTELINE_KEEPALIVE_MS: '1000',
    },
    sql: `${feedSql('flood', { tickMs: 10, count: INSTRUMENTS })}\nUPDATE "Feed" SET "status" = 'paused' WHERE "slug" = 'demo';`,
  });
});

afterAll(async () => {
  for (const s of streams) s.close();
  for (const r of raws) r.destroy();
  await server?.stop();
});

const head = async () => offsetOf((await getHealth(server.url)).head);

/** What a reading client got of the updates published in (from, to]: their share, and mean publish-to-receipt latency. */
async function measure(client: TestStream, from: number, to: number) {
  await waitUntil(() => offsetOf(lastId(client.events)) >= to, `the reading client to reach offset ${to}`, 10_000);
  let count = 0;
  let latency = 0;
  client.events.forEach((event: StreamEvent, i) => {
    if (event.type !== 'update' || offsetOf(event.id) <= from || offsetOf(event.id) > to) return;
    count++;
    latency += client.arrivals[i]! - (event.data as UpdateEvent).ts;
  });
  return {
    published: to - from,
    received: count,
    share: count / (to - from),
    meanLatencyMs: count ? latency / count : NaN,
  };
}

describe('a client that stops reading', () => {
  it('keeps its unsent queue within QUOTELINE_MAX_QUEUE_BYTES by conflating or cutting it off, while a reading client keeps up', async () => {
    const reader = await openTestStream(server.url, PATH);
    streams.push(reader);
    await reader.waitFor((events) => events.filter((e) => e.type === 'update').length >= INSTRUMENTS, 5000);

    // Without the stalled client.
    const a0 = await head();
    await sleep(1500);
    const alone = await measure(reader, a0, await head());

    // With a client that sends its GET and never reads a byte, for 10 s.
    const before = await getHealth(server.url);
    const stalled = rawGet(server.url, PATH, { Accept: 'text/event-stream' }, { paused: true });
    raws.push(stalled);
    const s0 = await head();
    const samples: { maxPendingBytes: number; connections: number }[] = [];
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const h = await getHealth(server.url);
      samples.push({ maxPendingBytes: h.stream.maxPendingBytes, connections: h.connections });
      await sleep(200);
    }
    const after = await getHealth(server.url);
    const together = await measure(reader, s0, offsetOf(after.head));
    stalled.destroy();

    const conflated = after.stream.conflated - before.stream.conflated;
    const cutOff = (after.stream.closed.slow_consumer ?? 0) - (before.stream.closed.slow_consumer ?? 0);
    const peak = Math.max(...samples.map((s) => s.maxPendingBytes));
    console.log(
      `slow consumer: peak queue ${peak} B (bound ${MAX_QUEUE_BYTES}), conflated ${conflated}, cut off ${cutOff}; ` +
        `reader alone ${alone.received}/${alone.published} (${alone.meanLatencyMs.toFixed(1)} ms), ` +
        `with the stalled client ${together.received}/${together.published} (${together.meanLatencyMs.toFixed(1)} ms)`,
    );

    // The stalled stream was really open while we watched.
    expect(samples.some((s) => s.connections >= 2)).toBe(true);
    // The server never queues more than the bound for it...
    expect(samples.every((s) => s.maxPendingBytes <= MAX_QUEUE_BYTES)).toBe(true);
    // ...because the transport pushed back and the queue conflated updates per instrument, or the stream was cut off.
    expect(conflated > 0 || cutOff > 0).toBe(true);
    // The reading client got (nearly) every update, alone and next to the stalled one.
    expect(alone.share).toBeGreaterThanOrEqual(0.8);
    expect(together.share).toBeGreaterThanOrEqual(0.8);
  });

  it('still answers a resume whose replay alone is larger than QUOTELINE_MAX_QUEUE_BYTES: ready, then the conflated replay or a reset', async () => {
    const first = await openTestStream(server.url, PATH);
    streams.push(first);
    await first.waitFor((events) => events.filter((e) => e.type === 'update').length >= INSTRUMENTS, 5000);
    first.close();
    await first.ended;
    const last = lastId(first.events)!;
    // 300 ms of flood is ~2,400 updates, ~330 KB to replay: ten times the bound, far inside the log's 10,000 events.
    await waitUntil(async () => (await head()) > offsetOf(last) + 2000, 'the flood to move on', 5000);

    const resumed = await openTestStream(
      server.url,
      PATH,
      { Accept: 'text/event-stream', 'Last-Event-ID': last },
      { headersTimeoutMs: 3000 },
    );
    streams.push(resumed);
    expect(resumed.status).toBe(200);
    await resumed.waitFor((events) => events.length >= 1 + INSTRUMENTS + 1, 5000);
    expect(resumed.events[0]!.type).toBe('ready');
    const next = resumed.events[1]!;
    if (next.type === 'reset') {
      // An explicit reset, then the full snapshot.
      expect(resumed.events.slice(2, 2 + INSTRUMENTS).every((e) => e.type === 'add' && e.id === next.id)).toBe(true);
    } else {
      // Or the replay conflated as a slow reader's queue would be: only the latest
      // update of each symbol, in log order, all after the last id.
      const replay = resumed.events.slice(1, 1 + INSTRUMENTS);
      expect(replay.every((e) => e.type === 'update')).toBe(true);
      const offsets = replay.map((e) => offsetOf(e.id));
      expect(offsets.every((o, i) => o > offsetOf(last) && (i === 0 || o > offsets[i - 1]!))).toBe(true);
      expect(new Set(replay.map((e) => (e.data as { symbol: string }).symbol)).size).toBe(INSTRUMENTS);
    }
  });
});
