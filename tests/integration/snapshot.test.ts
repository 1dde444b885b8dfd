import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedSql, startAppServer, type AppServer } from '../support/appServer';
import { openTestStream, type TestStream } from '../support/sseClient';
import { foldRows, lastId, offsetOf, sleep, waitUntil } from '../support/streamTools';

// A snapshot never misses or re-applies a delta that straddles it: streams
// opened at random moments of a fast feed all fold to the server's own rows.

const TOPIC = 'feed:rapid';
const STREAMS = 30;
let server: AppServer;
const open: TestStream[] = [];

beforeAll(async () => {
  // 10 instruments every 10 ms: 1,000 updates/s, so every snapshot lands between ticks.
  server = await startAppServer({
    env: { QUOTELINE_INSTANCE: 'snapshot-1' },
    sql: `${feedSql('rapid', { tickMs: 10, count: 10 })}\nUPDATE Feed SET status = 'paused' WHERE slug = 'demo';`,
  });
});

afterAll(async () => {
  for (const s of open) s.close();
  await server?.stop();
});

async function openStream(): Promise<TestStream> {
  const s = await openTestStream(server.url, `/api/stream?topics=${TOPIC}`);
  open.push(s);
  return s;
}

describe('snapshot under a fast tick', () => {
  it('folds every stream opened mid-tick (snapshot, then deltas) into exactly the server fresh snapshot at a later id', async () => {
    // Open streams one after another while the feed ticks, so their snapshots sit at many positions.
    const streams: TestStream[] = [];
    for (let i = 0; i < STREAMS; i++) {
      streams.push(await openStream());
      await sleep(7 + (i % 5));
    }
    await Promise.all(streams.map((s) => s.waitFor((events) => events.length >= 12, 5000)));

    // The reference: a fresh snapshot taken later, with its id.
    const reference = await openStream();
    await reference.waitFor((events) => events.length >= 11, 5000);
    expect(reference.events.slice(1, 11).every((e) => e.type === 'add' && e.id === reference.events[1]!.id)).toBe(true);
    const at = offsetOf(reference.events[1]!.id);
    const expected = foldRows(reference.events.slice(1, 11), TOPIC);
    expect(expected.size).toBe(10);

    await waitUntil(() => streams.every((s) => offsetOf(lastId(s.events)) >= at), 'every stream to pass the reference id', 10_000);
    const positions = new Set<number>();
    for (const s of streams) {
      expect(s.status).toBe(200);
      const [ready, ...rest] = s.events;
      expect(ready!.type).toBe('ready');
      const snapshot = rest.slice(0, 10);
      expect(snapshot.every((e) => e.type === 'add' && e.id === snapshot[0]!.id)).toBe(true);
      const snapshotAt = offsetOf(snapshot[0]!.id);
      positions.add(snapshotAt);
      const deltas = rest.slice(10);
      // No delta at or before the snapshot is delivered after it; deltas keep log order.
      expect(deltas.every((e) => e.type === 'update' && offsetOf(e.id) > snapshotAt)).toBe(true);
      expect(deltas.every((e, i) => i === 0 || offsetOf(e.id) > offsetOf(deltas[i - 1]!.id))).toBe(true);
      // Snapshot plus deltas up to the reference id gives the server's rows at that id, exactly.
      const folded = foldRows([...snapshot, ...deltas.filter((e) => offsetOf(e.id) <= at)], TOPIC);
      expect(Object.fromEntries(folded)).toEqual(Object.fromEntries(expected));
    }
    // The snapshots really were taken at different moments of the tick stream.
    expect(positions.size).toBeGreaterThan(STREAMS / 2);
  });
});
