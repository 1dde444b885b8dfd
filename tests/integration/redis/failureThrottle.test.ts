import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { closeRedis, RedisFailureThrottle } from '@quoteline/redis';
import { redisPerFile } from './redisPerFile';

// Sign-in attempts counted in a real Redis: two instances (two throttles on
// their own connections) share the count; an attempt is reserved before the
// password check and stays counted unless released; the window slides.

const file = redisPerFile();
const connections: Redis[] = [];
let now = 1_000_000;

afterAll(() => Promise.all(connections.map(closeRedis))); // before the server goes (hooks after all run last-registered first)

function instance(name: string, maxFailures = 3, delay?: { baseMs: number; maxMs: number }) {
  const redis = RedisFailureThrottle.connect(file.server.url, name);
  connections.push(redis);
  return new RedisFailureThrottle(redis, {
    maxFailures,
    windowMs: 60_000,
    delay,
    prefix: `test:signin:${maxFailures}:${delay ? 'delay' : 'hard'}`,
    now: () => now,
  });
}

describe('RedisFailureThrottle', () => {
  it('grants at most the limit of 60 parallel reservations on two instances; the rest wait', async () => {
    const [a, b] = [instance('race-a', 5), instance('race-b', 5)];
    const claims = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).reserve('burst@example.com')),
    );
    const granted = claims.filter((c) => c.granted);
    console.log(`60 parallel reservations on two instances: ${granted.length} granted`);
    expect(granted).toHaveLength(5);
    expect(claims.filter((c) => !c.granted).every((c) => !c.granted && c.retryAfter === 60)).toBe(true);
  });

  it('counts reservations of every instance together, gives released ones back, lets the window slide and clears on success', async () => {
    const [a, b] = [instance('a'), instance('b')];
    expect((await a.reserve('x@example.com')).granted).toBe(true);
    now += 1_000;
    expect((await b.reserve('x@example.com')).granted).toBe(true);
    const third = await a.reserve('x@example.com');
    expect(third.granted).toBe(true);
    expect(await b.reserve('x@example.com')).toEqual({ granted: false, retryAfter: 59 }); // the oldest leaves the window in 59 s
    expect((await b.reserve('other@example.com')).granted).toBe(true);
    if (third.granted) await a.release('x@example.com', third.slot); // e.g. the attempt signed in
    expect((await b.reserve('x@example.com')).granted).toBe(true);
    now += 59_001;
    expect((await a.reserve('x@example.com')).granted).toBe(true); // the first slid out
    expect((await a.reserve('x@example.com')).granted).toBe(false);
    await a.clear('x@example.com');
    expect((await b.reserve('x@example.com')).granted).toBe(true);
  });

  it('with a growing delay, allows one attempt per delay after the latest (1 s, 2 s, then the 4 s cap), whichever instance asks', async () => {
    const delay = { baseMs: 1_000, maxMs: 4_000 };
    const [a, b] = [instance('delay-a', 2, delay), instance('delay-b', 2, delay)];
    expect((await a.reserve('d@example.com')).granted).toBe(true);
    expect((await b.reserve('d@example.com')).granted).toBe(true);
    expect(await b.reserve('d@example.com')).toEqual({ granted: false, retryAfter: 1 });
    now += 1_000;
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).reserve('d@example.com')));
    expect(burst.filter((c) => c.granted)).toHaveLength(1);
    expect(await a.reserve('d@example.com')).toEqual({ granted: false, retryAfter: 2 });
    now += 2_000;
    expect((await a.reserve('d@example.com')).granted).toBe(true);
    now += 3_999;
    expect(await b.reserve('d@example.com')).toEqual({ granted: false, retryAfter: 1 }); // capped at 4 s, not 8
    now += 1;
    expect((await b.reserve('d@example.com')).granted).toBe(true);
  });

  it('lets attempts through when Redis does not answer (the password check still applies)', async () => {
    const t = instance('c');
    file.server.freeze(true);
    try {
      expect((await t.reserve('y@example.com')).granted).toBe(true);
    } finally {
      file.server.freeze(false);
    }
  });
});
