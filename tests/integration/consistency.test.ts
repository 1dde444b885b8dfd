import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamEvent } from '@quoteline/protocol';
import { feedSql, startAppServer, type AppServer } from '../support/appServer';
import { openTestStream, type TestStream } from '../support/sseClient';
import { foldRows, getHealth, lastId, offsetOf, sleep, waitUntil } from '../support/streamTools';

// A snapshot never misses or re-applies a delta that straddles it, and a
// resume after a dropped connection is a gap-free replay for every topic of the
// stream, or an explicit `reset` and fresh snapshots. Two servers of their own:
// one with the default history, one keeping only 50 events.

const TOPICS = 'feed:fast,feed:demo';
const PATH = `/api/stream?topics=${TOPICS}`;
const SSE = { Accept: 'text/event-stream' };

let replaying: AppServer;
let forgetful: AppServer;
const open: TestStream[] = [];

beforeAll(async () => {
  // feed:fast: 10 instruments every 20 ms (500 updates/s) beside the demo feed;
  // feed:rapid (snapshot test only): 10 instruments every 10 ms.
  [replaying, forgetful] = await Promise.all([
    startAppServer({
      env: { QUOTELINE_INSTANCE: 'resume-1' },
      sql: `${feedSql('fast', { tickMs: 20, count: 10 })}\n${feedSql('rapid', { tickMs: 10, count: 10 })}`,
    }),
    startAppServer({
      env: { QUOTELINE_INSTANCE: 'resume-2', QUOTELINE_LOG_CAPACITY: '50' },
      sql: feedSql('fast', { tickMs: 20, count: 10 }),
    }),
  ]);
});

afterAll(async () => {
  for (const s of open) s.close();
  await Promise.all([replaying?.stop(), forgetful?.stop()]);
});

async function stream(server: AppServer, path = PATH, headers: Record<string, string> = SSE): Promise<TestStream> {
  const s = await openTestStream(server.url, path, headers);
  open.push(s);
  expect(s.status).toBe(200);
  return s;
}

const updates = (events: StreamEvent[]) => events.filter((e) => e.type === 'update').length;
/** Events with an id in (after, upTo], as comparable records. */
const window = (events: StreamEvent[], after: number, upTo: number) =>
  events
    .filter((e) => e.id !== undefined && offsetOf(e.id) > after && offsetOf(e.id) <= upTo)
    .map((e) => ({ id: e.id, type: e.type, data: e.data }));

const RAPID = 'feed:rapid';
const STREAMS = 30;
const openRapid = () => stream(replaying, `/api/stream?topics=${RAPID}`);

describe('snapshot under a fast tick', () => {
  it('folds every stream opened while the feed ticks (snapshot, then deltas) into exactly the rows of a fresh snapshot at a later id', async () => {
    // Open streams one after another while the feed ticks, so their snapshots sit at many positions.
    const streams: TestStream[] = [];
    for (let i = 0; i < STREAMS; i++) {
      streams.push(await openRapid());
      await sleep(7 + (i % 5));
    }
    await Promise.all(streams.map((s) => s.waitFor((events) => events.length >= 12, 5000)));

    // The reference: a fresh snapshot taken later, with its id.
    const reference = await openRapid();
    await reference.waitFor((events) => events.length >= 11, 5000);
    expect(reference.events.slice(1, 11).every((e) => e.type === 'add' && e.id === reference.events[1]!.id)).toBe(true);
    const at = offsetOf(reference.events[1]!.id);
    const expected = foldRows(reference.events.slice(1, 11), RAPID);
    expect(expected.size).toBe(10);

    await waitUntil(
      () => streams.every((s) => offsetOf(lastId(s.events)) >= at),
      'every stream to pass the reference id',
      10_000,
    );
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
      const folded = foldRows([...snapshot, ...deltas.filter((e) => offsetOf(e.id) <= at)], RAPID);
      expect(Object.fromEntries(folded)).toEqual(Object.fromEntries(expected));
    }
    // The snapshots really were taken at different moments of the tick stream.
    expect(positions.size).toBeGreaterThan(STREAMS / 2);
    for (const s of [...streams, reference]) s.close();
  });
});

describe('resume with a last event id the log still holds', () => {
  it.each([
    ['the Last-Event-ID header', (id: string) => [PATH, { ...SSE, 'Last-Event-ID': id }] as const],
    [
      'the lastEventId query parameter',
      (id: string) => [`${PATH}&lastEventId=${encodeURIComponent(id)}`, SSE] as const,
    ],
  ])(
    'replays exactly what a connection that stayed open received, for every topic, resuming via %s',
    async (_via, resumeRequest) => {
      const steady = await stream(replaying);
      const dropped = await stream(replaying);
      await dropped.waitFor((events) => updates(events) >= 50, 5000);
      dropped.close(); // destroys the socket mid-stream
      await dropped.ended;
      const last = lastId(dropped.events)!;
      const snapshotAt = offsetOf(dropped.events[1]!.id);

      // Many events of both feeds pass while B is away (feed:fast alone: ~300 in 600 ms; the demo feed ticks every 500 ms).
      await sleep(600);
      const [path, headers] = resumeRequest(last);
      const resumed = await stream(replaying, path, headers);

      // Both catch up to a common point well past the gap.
      const target = offsetOf(lastId(steady.events)) + 100;
      await waitUntil(
        () => offsetOf(lastId(steady.events)) >= target && offsetOf(lastId(resumed.events)) >= target,
        'both streams past the target',
        5000,
      );
      const upTo = Math.min(offsetOf(lastId(steady.events)), offsetOf(lastId(resumed.events)));

      // The resumed stream is ready, then the replay: no reset, no snapshot, no duplicates.
      expect(resumed.events[0]!.type).toBe('ready');
      expect(resumed.events.some((e) => e.type === 'reset' || e.type === 'add')).toBe(false);
      const resumedIds = resumed.events.slice(1).map((e) => offsetOf(e.id));
      expect(resumedIds[0]).toBeGreaterThan(offsetOf(last));
      expect(resumedIds.every((id, i) => i === 0 || id > resumedIds[i - 1]!)).toBe(true);

      // After its last id, B's events equal A's: same ids, same order, same data; the gap is filled.
      const afterDrop = window(resumed.events, offsetOf(last), upTo);
      expect(afterDrop.length).toBeGreaterThanOrEqual(100);
      expect(afterDrop).toEqual(window(steady.events, offsetOf(last), upTo));
      expect(new Set(afterDrop.map((e) => (e.data as { topic?: string }).topic))).toEqual(
        new Set(['feed:fast', 'feed:demo']),
      );
      // And before the drop, B had exactly A's events since its snapshot: nothing lost across the drop.
      expect(window(dropped.events, snapshotAt, offsetOf(last))).toEqual(
        window(steady.events, snapshotAt, offsetOf(last)),
      );

      steady.close();
      resumed.close();
    },
  );

  it('never conflates a reader that keeps reading', async () => {
    expect((await getHealth(replaying.url)).stream.conflated).toBe(0);
  });
});

/** Asserts ready, `reset` {reason}, then a full snapshot of every topic at the reset's id, then only later deltas. */
function expectResetThenSnapshot(s: TestStream, reason: string) {
  const [ready, reset, ...rest] = s.events;
  expect(ready!.type).toBe('ready');
  expect(reset).toMatchObject({ type: 'reset', data: { reason } });
  const at = offsetOf(reset!.id);
  const snapshot = rest.slice(0, 20);
  expect(snapshot.map((e) => e.type)).toEqual(Array(20).fill('add'));
  expect(snapshot.every((e) => e.id === reset!.id)).toBe(true);
  expect(foldRows(snapshot, 'feed:fast').size).toBe(10);
  expect(foldRows(snapshot, 'feed:demo').size).toBe(10);
  const deltas = rest.slice(20);
  expect(deltas.length).toBeGreaterThan(0);
  expect(deltas.every((e) => e.type === 'update' && offsetOf(e.id) > at)).toBe(true);
}

describe('resume with a last event id the log cannot replay', () => {
  const settle = (s: TestStream) => s.waitFor((events) => updates(events) >= 5, 5000);

  it('answers reset history_trimmed, then fresh snapshots, for an id older than the retained history', async () => {
    const first = await stream(forgetful);
    await first.waitFor((events) => updates(events) >= 10, 5000);
    first.close();
    const last = lastId(first.events)!;
    // The log keeps 50 events; wait until more than that have passed.
    await waitUntil(
      async () => offsetOf((await getHealth(forgetful.url)).head) > offsetOf(last) + 100,
      'history to move on',
      5000,
    );
    const resumed = await stream(forgetful, PATH, { ...SSE, 'Last-Event-ID': last });
    await settle(resumed);
    expectResetThenSnapshot(resumed, 'history_trimmed');
  });

  it('answers reset epoch_changed, then fresh snapshots, for an id of another server process', async () => {
    const elsewhere = await stream(replaying);
    await elsewhere.waitFor((events) => updates(events) >= 1, 5000);
    elsewhere.close();
    const foreign = lastId(elsewhere.events)!;
    expect(foreign.split(':')[0]).not.toBe((await getHealth(forgetful.url)).epoch);
    const resumed = await stream(forgetful, `${PATH}&lastEventId=${encodeURIComponent(foreign)}`);
    await settle(resumed);
    expectResetThenSnapshot(resumed, 'epoch_changed');
  });

  it.each([
    ['a garbage id', () => Promise.resolve('not-an-id')],
    ['an id without an offset', () => Promise.resolve('abc:')],
    ['an id of this epoch ahead of the log', async () => `${(await getHealth(forgetful.url)).epoch}:999999999`],
  ])('answers reset unknown_id, then fresh snapshots, for %s', async (_name, makeId) => {
    const resumed = await stream(forgetful, PATH, { ...SSE, 'Last-Event-ID': await makeId() });
    await settle(resumed);
    expectResetThenSnapshot(resumed, 'unknown_id');
  });
});
