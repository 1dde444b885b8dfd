import { Redis } from 'ioredis';

/** How one Redis connection of ours behaves. */
export interface RedisConnectOptions {
  /** `redis://[user:password@]host:port[/db]`. */
  url: string;
  /** Shown in `CLIENT LIST`, e.g. `quoteline:web-1:tail`. */
  name: string;
  /** A command without an answer after this long fails (default 2 s); null for a connection of blocking reads, which are bounded by their own BLOCK time. */
  commandTimeoutMs?: number | null;
  /** Longest wait between reconnection attempts (default 1 s). */
  maxRetryDelayMs?: number;
}

/**
 * One connection that reconnects by itself, forever, with a short capped backoff.
 * Commands issued while it is down fail at the next failed attempt rather than
 * queue for minutes, and commands in flight when it drops fail instead of being
 * resent: every caller here (the tail, the lease, the append) decides itself
 * what a failure means. RESP2, so replies have their classic shapes.
 */
export function connectRedis(options: RedisConnectOptions): Redis {
  const maxDelay = options.maxRetryDelayMs ?? 1000;
  const redis = new Redis(options.url, {
    connectionName: options.name,
    protocol: 2,
    retryStrategy: (attempt) => Math.min(50 * 2 ** Math.min(attempt, 10), maxDelay),
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    commandTimeout: options.commandTimeoutMs === null ? undefined : (options.commandTimeoutMs ?? 2000),
    // A blocking read on a connection that silently died still ends: its BLOCK time plus a grace.
    blockingTimeout: 60_000,
    blockingTimeoutGrace: 2000,
    enableReadyCheck: true,
  });
  // Connection errors also fail the commands that need the connection; their callers report them.
  redis.on('error', () => undefined);
  return redis;
}

/** Ends a connection without waiting for a server that may be gone. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === 'end') return;
  try {
    await Promise.race([redis.quit(), new Promise((resolve) => setTimeout(resolve, 500).unref())]);
  } catch {
    // already closed or unreachable
  }
  redis.disconnect();
}
