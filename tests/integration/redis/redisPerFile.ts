import { afterAll, afterEach, beforeAll } from 'vitest';
import { startRedisServer, type RedisServer, type RedisServerOptions } from '../../support/redisServer';

/**
 * The set-up every Redis test file shares: a private redis-server started
 * before its tests and destroyed after them, and `afterThisTest(...)` for what
 * a test opened (closed after it, last opened first).
 */
export function redisPerFile(options?: RedisServerOptions): {
  readonly server: RedisServer;
  afterThisTest(...done: (() => unknown)[]): void;
} {
  let server: RedisServer | undefined;
  let cleanup: (() => unknown)[] = [];
  beforeAll(async () => {
    server = await startRedisServer(options);
  });
  afterEach(async () => {
    for (const done of cleanup.reverse()) await done();
    cleanup = [];
  });
  afterAll(async () => {
    await server?.destroy();
  });
  return {
    get server() {
      if (!server) throw new Error('the redis-server of this file is not started yet');
      return server;
    },
    afterThisTest: (...done) => void cleanup.push(...done),
  };
}
