import { afterAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { closeRedis, RedisFailureThrottle } from '@quoteline/redis';
import { redisPerFile } from './redisPerFile';

// Sign-in failures counted in a real Redis: two instances (two throttles on
// their own connections) share the count; the window slides; success clears.

const file = redisPerFile();
const connections: Redis[] = [];
let now = 1_000_000;

afterAll(() => Promise.all(connections.map(closeRedis))); // before the server goes (hooks after all run last-registered first)

function instance(name: string) {
  const redis = RedisFailureThrottle.connect(file.server.url, name);
  connections.push(redis);
  return new RedisFailureThrottle(redis, { maxFailures: 3, windowMs: 60_000, prefix: 'test:signin', now: () => now });
}

describe('RedisFailureThrottle', () => {
  it('counts failures of every instance together, refuses past the limit until the window slides, and clears on success', async () => {
    const [a, b] = [instance('a'), instance('b')];
    await a.fail('x@example.com');
    now += 1_000;
    await b.fail('x@example.com');
    expect(await a.retryAfter('x@example.com')).toBe(0);
    await a.fail('x@example.com');
    expect(await b.retryAfter('x@example.com')).toBe(59); // the oldest failure leaves the window in 59 s
    expect(await b.retryAfter('other@example.com')).toBe(0);
    now += 59_001;
    expect(await a.retryAfter('x@example.com')).toBe(0); // the first failure slid out
    await b.fail('x@example.com');
    expect(await a.retryAfter('x@example.com')).toBeGreaterThan(0);
    await a.clear('x@example.com');
    expect(await b.retryAfter('x@example.com')).toBe(0);
  });

  it('lets attempts through when Redis does not answer (the password check still applies)', async () => {
    const t = instance('c');
    file.server.freeze(true);
    try {
      expect(await t.retryAfter('y@example.com')).toBe(0);
    } finally {
      file.server.freeze(false);
    }
  });
});
