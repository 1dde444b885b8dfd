import type { Redis } from 'ioredis';
import { connectRedis } from './client';
import { LuaScript } from './lua';

/** Records one failure and trims the window, in one step: a sorted set of failure times per key. */
const FAIL = new LuaScript(`
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1] .. '-' .. ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`);

/** The failures still in the window and the oldest of them. */
const RECENT = new LuaScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return { redis.call('ZCARD', KEYS[1]), oldest[2] or '0' }`);

/** Settings of a shared failure throttle. */
export interface RedisFailureThrottleOptions {
  /** Failures allowed per key in the window. */
  maxFailures: number;
  windowMs: number;
  /** Key prefix, e.g. `quoteline:signin:email`. */
  prefix: string;
  now?: () => number;
}

/**
 * Sign-in failures counted in Redis, so every instance refuses the same
 * guesser (the in-memory throttle counts per instance). Times are the
 * instances' clocks. When Redis cannot answer, the throttle lets the attempt
 * through: a password check is still required, and nginx limits sign-in rates.
 */
export class RedisFailureThrottle {
  private readonly now: () => number;
  private sequence = 0;

  constructor(
    private readonly redis: Redis,
    private readonly options: RedisFailureThrottleOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** One connection for every throttle of an instance. */
  static connect(url: string, name: string): Redis {
    return connectRedis({ url, name: `${name}:throttle` });
  }

  async retryAfter(key: string): Promise<number> {
    try {
      const [count, oldest] = (await RECENT.run(this.redis, [this.key(key)], [this.now(), this.options.windowMs])) as [number, string];
      if (count < this.options.maxFailures) return 0;
      return Math.max(1, Math.ceil((Number(oldest) + this.options.windowMs - this.now()) / 1000));
    } catch {
      return 0;
    }
  }

  async fail(key: string): Promise<void> {
    await FAIL.run(this.redis, [this.key(key)], [this.now(), this.options.windowMs, `${process.pid}.${this.sequence++}`]).catch(() => undefined);
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.key(key)).catch(() => undefined);
  }

  private key(key: string): string {
    return `${this.options.prefix}:${key}`;
  }
}
