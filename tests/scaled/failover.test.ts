import { Agent, request } from 'node:https';
import { describe, expect, it } from 'vitest';
import type { HealthResponse, UpdateEvent } from '@quoteline/protocol';
import { demoFeed } from '../../packages/db/src/seed';
import { LEASE_DEFAULTS } from '../../packages/redis/src/lease';
import { shapePerFile, type Shape } from '../support/scaledShape';
import { resumingStream, type ResumingStream } from '../support/resumingStream';
import { openTestStream } from '../support/sseClient';
import { sleep, waitUntil } from '../support/streamTools';

// Instances killed under streams and requests going through nginx: the figures are printed, the asserts are the
// bounds the shape promises. Three instances + Redis + PostgreSQL + nginx, private on loopback.
type App = Shape['apps'][number];

/** The `retry:` the instances send (the default): a client waits this long before it resumes. */
const RETRY_MS = 1000;

const scaled = shapePerFile('failover', {
  env: { QUOTELINE_RETRY_MS: String(RETRY_MS) },
  limits: { streamsPerClient: 64 },
});

/** GET requests through nginx, back to back on kept-alive connections, counting answers by status. */
function probe(path: string, parallel = 2) {
  const agent = new Agent({ keepAlive: true, ca: scaled.ca, maxSockets: parallel });
  const statuses = new Map<number, number>();
  let running = true;
  const once = () =>
    new Promise<void>((done) => {
      const req = request(new URL(path, scaled.shape.url), { agent, timeout: 5_000 }, (res) => {
        res.resume();
        // 'close' also comes for an answer cut short (counted as no answer).
        res.on('close', () => {
          const status = res.complete ? (res.statusCode ?? 0) : 0;
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          done();
        });
      });
      req.on('timeout', () => req.destroy());
      req.on('error', () => {
        statuses.set(0, (statuses.get(0) ?? 0) + 1);
        done();
      });
      req.end();
    });
  const loops = Array.from({ length: parallel }, async () => {
    while (running) await once();
  });
  return {
    count: (status: number) => statuses.get(status) ?? 0,
    total: () => [...statuses.values()].reduce((a, b) => a + b, 0),
    async stop() {
      running = false;
      await Promise.all(loops);
      agent.destroy();
    },
  };
}

/** ms until nginx sends a new stream to `app` again (least_conn: it has none), or -1 after `timeoutMs`. */
async function backInRotation(app: App, timeoutMs = 10_000): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const s = await openTestStream(
      scaled.shape.url,
      '/api/stream?topics=feed:demo',
      { Accept: 'text/event-stream' },
      { ca: scaled.ca, headersTimeoutMs: 5_000 },
    ).catch(() => null);
    const ready =
      s?.status === 200 &&
      (await s
        .waitFor((e) => e.some((x) => x.type === 'ready'), 5_000)
        .then(
          () => true,
          () => false,
        ));
    const instance = ready
      ? (s!.events.find((e) => e.type === 'ready')!.data as { instance: string }).instance
      : undefined;
    s?.close();
    if (instance === app.name) return Date.now() - started;
    await sleep(100);
  }
  return -1;
}

/** Which instances say they produce (direct health answers). */
async function producers(apps: App[]): Promise<App[]> {
  const answers = await Promise.all(
    apps.map((a) =>
      fetch(`${a.url}/api/health`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.json() as Promise<HealthResponse>)
        .catch(() => null),
    ),
  );
  return apps.filter((_, i) => answers[i]?.producer);
}

const spread = (streams: ResumingStream[]) => {
  const by = new Map<string, number>();
  for (const s of streams) by.set(s.instance() ?? '-', (by.get(s.instance() ?? '-') ?? 0) + 1);
  return [...by]
    .sort()
    .map(([name, n]) => `${name.replace(/@\d+$/, '')}:${n}`)
    .join(' ');
};

describe('failover through nginx (scaled shape)', () => {
  it(
    "kill -9 of a stream's instance, 10 rounds: no 502 while other instances are healthy, every resume within retry + 1.5 s",
    { timeout: 600_000 },
    async () => {
      const streams = Array.from({ length: 6 }, () =>
        resumingStream(scaled.shape.url, '/api/stream?topics=feed:demo', { ca: scaled.ca, retryMs: RETRY_MS }),
      );
      await waitUntil(() => streams.every((s) => s.instance()), 'every stream open', 20_000, 100);
      console.log(`streams per instance at start: ${spread(streams)}`);
      const requests = probe('/api/instruments/ACME/candles?interval=1m&limit=1');
      const rounds: {
        victim: string;
        moved: number;
        slowestMs: number;
        bad: number;
        rejoinMs: number;
        spread: string;
      }[] = [];
      try {
        for (let round = 1; round <= 10; round++) {
          // The instance holding the most streams dies.
          const counts = scaled.shape.apps.map((a) => ({
            app: a,
            n: streams.filter((s) => s.instance() === a.name).length,
          }));
          const victim: App = counts.sort((x, y) => y.n - x.n)[0]!.app;
          const resumesBefore = streams.map((s) => s.resumes.length);
          const badBefore = requests.count(502) + streams.reduce((n, s) => n + s.failures.length, 0);
          await victim.kill();
          await waitUntil(
            () => streams.every((s) => s.instance() !== undefined && s.instance() !== victim.name),
            'every stream resumed on another instance',
            20_000,
            50,
          ).catch((error: Error) => {
            const state = streams.map(
              (s) =>
                `${s.instance() ?? 'none'} after ${s.connections.map((c) => c.instance).join(',')} failures ${s.failures.join(',')}`,
            );
            throw new Error(`${error.message} (round ${round}, killed ${victim.name}):\n${state.join('\n')}`);
          });
          const resumes = streams.flatMap((s, i) => s.resumes.slice(resumesBefore[i]));
          const bad = requests.count(502) + streams.reduce((n, s) => n + s.failures.length, 0) - badBefore;
          // Back on its port and ready; nginx gives it new streams again once its failure mark has lapsed.
          const returned = await scaled.shape.restartApp(victim);
          scaled.shape.apps[scaled.shape.apps.indexOf(victim)] = returned;
          const rejoinMs = await backInRotation(returned);
          rounds.push({
            victim: victim.name.replace(/@\d+$/, ''),
            moved: resumes.length,
            slowestMs: Math.max(0, ...resumes),
            bad,
            rejoinMs,
            spread: spread(streams),
          });
        }
      } finally {
        await requests.stop();
      }
      const fresh = Array.from({ length: 3 }, () =>
        resumingStream(scaled.shape.url, '/api/stream?topics=feed:demo', { ca: scaled.ca, retryMs: RETRY_MS }),
      );
      await waitUntil(() => fresh.every((s) => s.instance()), 'new streams open', 20_000, 100);
      const allResumes = rounds.map((r) => r.slowestMs);
      console.log(
        [
          `kill -9 of a stream's instance, ${rounds.length} rounds (retry ${RETRY_MS} ms; nginx requests ${requests.total()}, of them 502: ${requests.count(502)}, no answer: ${requests.count(0)}):`,
          ...rounds.map(
            (r, i) =>
              `  round ${i + 1}: killed ${r.victim}, ${r.moved} streams resumed, slowest ${r.slowestMs} ms, 502s ${r.bad}; back in nginx's rotation ${r.rejoinMs} ms after ready; streams now ${r.spread}`,
          ),
          `  slowest resume ${Math.max(...allResumes)} ms (bound ${RETRY_MS + 1500} ms); 3 streams opened afterwards went to ${spread(fresh)}`,
        ].join('\n'),
      );
      for (const s of [...streams, ...fresh]) await s.close();
      expect(rounds.map((r) => r.bad)).toEqual(rounds.map(() => 0));
      expect(Math.max(...allResumes)).toBeLessThanOrEqual(RETRY_MS + 1500);
      expect(rounds.filter((r) => r.rejoinMs < 0)).toEqual([]);
    },
  );

  it(
    "kill -9 of the producer, 5 rounds: takeover and the next tick within the lease's bound",
    { timeout: 600_000 },
    async () => {
      // What the code guarantees (packages/redis/src/lease.ts, the platform's becomeProducer): the dead holder's
      // last renewal left at most ttl on the lease; a survivor tries again at most retry after it expired; as
      // producer it first re-reads the feeds' settings, then starts the simulator, whose first tick comes one tick
      // interval later. So: takeover within ttl + retry, next tick within ttl + retry + tick interval (+ the
      // re-read, round trips and timer lateness), and no sooner than ttl - ttl/3 (+ tick interval).
      const { ttlMs, retryMs } = LEASE_DEFAULTS;
      const takeoverBound = ttlMs + retryMs;
      const tickBound = takeoverBound + demoFeed.tickIntervalMs;
      const rounds: { takeoverMs: number; nextTickMs: number }[] = [];
      for (let round = 1; round <= 5; round++) {
        await waitUntil(async () => (await producers(scaled.shape.apps)).length === 1, 'one producer', 15_000, 100);
        const [producer] = await producers(scaled.shape.apps);
        const survivors = scaled.shape.apps.filter((a) => a !== producer);
        const watcher = await openTestStream(survivors[0]!.url, '/api/stream?topics=feed:demo', {
          Accept: 'text/event-stream',
        });
        await watcher.waitFor((e) => e.filter((x) => x.type === 'update').length >= 3, 10_000);
        const killedAt = Date.now();
        await producer!.kill();
        let takeoverMs = -1;
        await waitUntil(async () => (await producers(survivors)).length === 1, 'a new producer', 15_000, 25).then(
          () => (takeoverMs = Date.now() - killedAt),
        );
        const ticked = (e: { type: string; data: unknown }) =>
          e.type === 'update' && (e.data as UpdateEvent).ts > killedAt;
        await watcher.waitFor((events) => events.some(ticked), 15_000);
        const at = watcher.events.findIndex(ticked);
        rounds.push({ takeoverMs, nextTickMs: watcher.arrivals[at]! - killedAt });
        watcher.close();
        scaled.shape.apps[scaled.shape.apps.indexOf(producer!)] = await scaled.shape.restartApp(producer!);
      }
      const range = (values: number[]) => `${Math.min(...values)}–${Math.max(...values)} ms`;
      console.log(
        [
          `producer failover after kill -9, ${rounds.length} rounds (lease ttl ${ttlMs} ms, retry ${retryMs} ms, demo tick ${demoFeed.tickIntervalMs} ms):`,
          ...rounds.map(
            (r, i) =>
              `  round ${i + 1}: new producer after ${r.takeoverMs} ms, next tick on a survivor's stream after ${r.nextTickMs} ms`,
          ),
          `  takeover ${range(rounds.map((r) => r.takeoverMs))} (bound ${takeoverBound} ms); next tick ${range(rounds.map((r) => r.nextTickMs))} (bound ${tickBound} ms + settings re-read and timer lateness)`,
        ].join('\n'),
      );
      // Generous: the bounds plus a second and a half for a loaded machine.
      for (const r of rounds) {
        expect(r.takeoverMs).toBeGreaterThan(0);
        expect(r.takeoverMs).toBeLessThanOrEqual(takeoverBound + 1_500);
        expect(r.nextTickMs).toBeLessThanOrEqual(tickBound + 1_500);
      }
    },
  );
});
