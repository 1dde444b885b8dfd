import { spawn, type ChildProcess } from 'node:child_process';
import { symbolOf } from '@quoteline/protocol';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FenceRejectedError, ProducerLease, RedisStreamLog, type Fence } from '@quoteline/redis';
import { ROOT } from '../../support/appServer';
import { sleep, waitUntil } from '../../support/streamTools';
import { redisPerFile } from './redisPerFile';

// The producer lease against a real redis-server: one holder among three,
// hand-over on release and on a real pause (SIGSTOP of a producer process),
// and the paused producer's fenced appends refused once it resumes.

const redis = redisPerFile();
let leases: ProducerLease[] = [];
let children: ChildProcess[] = [];
let keyN = 0;

afterEach(async () => {
  await Promise.all(leases.map((l) => l.release()));
  leases = [];
  for (const child of children) stopGroup(child, 'SIGCONT');
  for (const child of children) stopGroup(child, 'SIGKILL');
  children = [];
});

interface Contender {
  name: string;
  lease: ProducerLease;
  events: string[];
  fence: Fence | null;
}

function contender(name: string, key: string): Contender {
  const c: Contender = { name, events: [], fence: null, lease: null as unknown as ProducerLease };
  c.lease = new ProducerLease({
    url: redis.server.url,
    key,
    name,
    onAcquired(fence) {
      c.fence = fence;
      c.events.push(`acquired ${fence.token}`);
    },
    onLost: () => c.events.push('lost'),
    onError: () => undefined,
  });
  leases.push(c.lease);
  return c;
}

const holders = (cs: Contender[]) => cs.filter((c) => c.lease.held);
const names = (cs: Contender[]) => holders(cs).map((c) => c.name);

describe('ProducerLease', () => {
  it('grants exactly one of three contenders, keeps it renewed past its ttl, and hands it on at release', async () => {
    const key = `lease${++keyN}`;
    const cs = ['a', 'b', 'c'].map((n) => contender(n, key));
    cs.forEach((c) => c.lease.start());
    await waitUntil(() => holders(cs).length === 1, 'one contender holds the lease');
    const first = holders(cs)[0]!;
    // Well past the 3 s ttl: renewals keep it with the first holder, nobody else ever got it.
    await sleep(4000);
    expect(names(cs)).toEqual([first.name]);
    expect(cs.flatMap((c) => c.events)).toEqual([`acquired ${first.fence!.token}`]);
    expect(first.fence!.token).toMatch(/^\d+-/);
    expect(await redis.server.command('PTTL', key)).toMatch(/^:\d+/);

    await first.lease.release();
    expect(first.events.at(-1)).toBe('lost');
    await waitUntil(() => holders(cs).length === 1, 'another contender took the released lease');
    const second = holders(cs)[0]!;
    expect(second).not.toBe(first);
    // Tokens increase: every grant has a new number from INCR.
    expect(Number(second.fence!.token.split('-')[0])).toBeGreaterThan(Number(first.fence!.token.split('-')[0]));
    await sleep(1500);
    expect(names(cs)).toEqual([second.name]);
  });

  it('passes a paused producer’s lease to another instance; once resumed, its fenced appends are refused and it learns it lost', async () => {
    const key = `lease${++keyN}`;
    const logKey = `lease${keyN}:log`;
    const producer = startHolder(key, logKey);
    const granted = await producer.next((e) => e.event === 'acquired');
    const log = await RedisStreamLog.open({ url: redis.server.url, key: logKey, onError: () => undefined });
    try {
      const others = ['b', 'c'].map((n) => contender(n, key));
      others.forEach((c) => c.lease.start());
      await sleep(1500);
      expect(names(others)).toEqual([]); // the live producer keeps it

      stopGroup(producer.child, 'SIGSTOP');
      const pausedAt = Date.now();
      await waitUntil(() => holders(others).length === 1, 'another instance took over the lease', 20_000);
      const takeoverMs = Date.now() - pausedAt;
      console.info(`lease takeover after a pause: ${takeoverMs} ms (ttl 3000 ms, retry 1000 ms)`);
      const next = holders(others)[0]!;
      expect(next.fence!.token).not.toBe(granted.token);
      await log.append(
        {
          topic: 'feed:demo',
          type: 'update',
          data: { topic: 'feed:demo', symbol: 'NEW', price: 2, bid: 2, ask: 2, ts: 2 },
        },
        { fence: next.fence! },
      );

      stopGroup(producer.child, 'SIGCONT');
      producer.send('append');
      const refused = await producer.next((e) => e.event === 'append');
      expect(refused).toMatchObject({ ok: false, code: 'fenced' });
      await producer.next((e) => e.event === 'lost');
      expect(names(others)).toEqual([next.name]);
      await expect(
        log.append(
          {
            topic: 'feed:demo',
            type: 'update',
            data: { topic: 'feed:demo', symbol: 'OLD', price: 1, bid: 1, ask: 1, ts: 1 },
          },
          { fence: { key, token: granted.token! } },
        ),
      ).rejects.toBeInstanceOf(FenceRejectedError);
      const after = await log.readAfter(`${log.epoch}:0-0`);
      expect(after.ok && after.entries.map((e) => symbolOf(e))).toEqual(['NEW']);
    } finally {
      await log.close();
    }
  });
});

interface HolderEvent {
  event: string;
  token?: string;
  ok?: boolean;
  code?: string;
}

/** A producer process holding (or competing for) the lease; read its events in order. */
function startHolder(key: string, logKey: string) {
  const child = spawn(
    join(ROOT, 'node_modules/.bin/tsx'),
    [join(ROOT, 'tests/support/leaseHolder.ts'), redis.server.url, key, logKey],
    { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'], detached: true },
  );
  children.push(child);
  const events: HolderEvent[] = [];
  const taken = new Set<number>();
  createInterface({ input: child.stdout! }).on('line', (line) => events.push(JSON.parse(line) as HolderEvent));
  return {
    child,
    send: (line: string) => child.stdin!.write(line + '\n'),
    /** The first event not taken yet that matches (events may come in either order). */
    async next(match: (e: HolderEvent) => boolean): Promise<HolderEvent> {
      let found: HolderEvent | undefined;
      await waitUntil(
        () => {
          const i = events.findIndex((e, n) => !taken.has(n) && match(e));
          if (i < 0) return false;
          taken.add(i);
          found = events[i];
          return true;
        },
        'the producer process reported',
        30_000,
      );
      return found!;
    },
  };
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}
