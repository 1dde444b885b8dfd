import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by EVALSHA, falling back to EVAL (which caches it again)
 * when the server does not know it, e.g. after a restart emptied its script cache.
 */
export class LuaScript {
  readonly sha: string;

  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(redis: Redis, keys: readonly string[], args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Returns the epoch, creating it when Redis has none (fresh, flushed); a new
 * epoch numbers its entries from 1 again. KEYS: epoch, entry counter. ARGV: candidate epoch.
 */
export const ENSURE_EPOCH = new LuaScript(`
local epoch = redis.call('GET', KEYS[1])
if epoch then return epoch end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('SET', KEYS[2], 0)
return ARGV[1]
`);

/**
 * Appends one entry, stamped with the current epoch (created when missing, so
 * entries are never written without one) and its number in the epoch (1, 2, …:
 * a reader that sees a number skipped knows entries were trimmed before it read
 * them). With a fence token, appends only while the lease key holds exactly that token.
 * KEYS: stream, epoch, entry counter, lease (any key when unfenced).
 * ARGV: candidate epoch, max length, fence token or '', topic, type, data JSON.
 * Returns {'ok', epoch, stream id} or {'fenced'}.
 */
export const APPEND = new LuaScript(`
if ARGV[3] ~= '' and redis.call('GET', KEYS[4]) ~= ARGV[3] then return {'fenced'} end
local epoch = redis.call('GET', KEYS[2])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[2], epoch)
  redis.call('SET', KEYS[3], 0)
end
local n = redis.call('INCR', KEYS[3])
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[2], '*', 'e', epoch, 'n', n, 't', ARGV[4], 'y', ARGV[5], 'd', ARGV[6])
return {'ok', epoch, id}
`);

/**
 * Takes the lease when nobody holds it: SET NX PX with a token whose number
 * comes from INCR, so every grant has a new, increasing token.
 * KEYS: lease, token counter. ARGV: ttl ms, nonce. Returns the token or false.
 */
export const ACQUIRE = new LuaScript(`
if redis.call('EXISTS', KEYS[1]) == 1 then return false end
local token = redis.call('INCR', KEYS[2]) .. '-' .. ARGV[2]
redis.call('SET', KEYS[1], token, 'PX', ARGV[1], 'NX')
return token
`);

/** Extends the lease only while it still holds our token. KEYS: lease. ARGV: token, ttl ms. Returns 1 or 0. */
export const RENEW = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0
`);

/** Gives the lease up only while it still holds our token. KEYS: lease. ARGV: token. Returns 1 or 0. */
export const RELEASE = new LuaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);
