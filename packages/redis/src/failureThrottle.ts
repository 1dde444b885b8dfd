import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { connectRedis } from './client';
import { LuaScript } from './lua';

/**
 * Takes one attempt of a key in one step: a sorted set of attempt times per
 * key, trimmed to the window. Once it holds `max` attempts, the key may try
 * again when the oldest leaves the window, or (with a base delay) the delay
 * after the latest has passed, doubling per further attempt up to a cap (the
 * same rule as the in-memory throttle's `nextAttemptAt`); else the attempt is
 * added. KEYS: the key's set. ARGV: now, window ms, max attempts, slot, base
 * delay ms (0: none), max delay ms. Returns {1} or {0, when it may try again}.
 */
const RESERVE = new LuaScript(`
local now, window, max = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= max then
  local base = tonumber(ARGV[5])
  local freeAt
  if base == 0 then
    freeAt = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]) + window
  else
    freeAt = tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2]) + math.min(base * 2 ^ (count - max), tonumber(ARGV[6]))
  end
  if freeAt > now then return { 0, freeAt } end
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return { 1 }`);

/** Settings of a shared failure throttle. */
export interface RedisFailureThrottleOptions {
  /** Failures allowed per key in the window. */
  maxFailures: number;
  windowMs: number;
  /** Past the limit, a growing delay after the latest attempt instead of a refusal until the window slides (see `RESERVE`). */
  delay?: { baseMs: number; maxMs: number };
  /** Key prefix, e.g. `quoteline:signin:email`. */
  prefix: string;
  now?: () => number;
}

/**
 * Sign-in attempts counted in Redis, so every instance refuses the same
 * guesser (the in-memory throttle counts per instance). An attempt is reserved
 * in one Lua step before the password is checked, so parallel guesses on
 * several instances cannot all pass. Times are the instances' clocks. When
 * Redis cannot answer, the throttle lets the attempt through: a password check
 * is still required, and nginx limits sign-in rates.
 */
export class RedisFailureThrottle {
  private readonly now: () => number;
  private sequence = 0;
  private readonly instance = randomBytes(4).toString('hex'); // slots of every instance stay distinct

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

  /** Reserves one attempt (counted as a failure until released); lets it through when Redis cannot answer. */
  async reserve(key: string): Promise<{ granted: true; slot: string } | { granted: false; retryAfter: number }> {
    const now = this.now();
    const slot = `${now}-${this.instance}.${this.sequence++}`;
    try {
      const { windowMs, maxFailures, delay } = this.options;
      const [granted, freeAt] = (await RESERVE.run(
        this.redis,
        [this.key(key)],
        [now, windowMs, maxFailures, slot, delay?.baseMs ?? 0, delay?.maxMs ?? 0],
      )) as [number, number?];
      if (granted === 1) return { granted: true, slot };
      return { granted: false, retryAfter: Math.max(1, Math.ceil((Number(freeAt) - now) / 1000)) };
    } catch {
      return { granted: true, slot: '' };
    }
  }

  /** Gives a reserved attempt back (a success, or no password was checked). */
  async release(key: string, slot: string): Promise<void> {
    if (slot) await this.redis.zrem(this.key(key), slot).catch(() => undefined);
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.key(key)).catch(() => undefined);
  }

  private key(key: string): string {
    return `${this.options.prefix}:${key}`;
  }
}
