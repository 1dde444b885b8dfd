import { createServer } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { createDb } from '@quoteline/db/client';
import { QuotelineError } from '@quoteline/protocol';
import { closeRedis, connectRedis } from '@quoteline/redis';
import { errorResponse } from './handle';
import { outageError, unreachableDependency } from './outage';

/** A loopback port nobody listens on (taken, then released). */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

/** What a real client rejects with for `work` (the drivers' own errors, not imitations). */
async function rejection(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers) await close();
});

describe('dependency outages', () => {
  it('recognises Prisma on PostgreSQL failing to reach its server, in a model query and a raw one', async () => {
    const db = createDb(`postgresql://postgres:x@127.0.0.1:${await closedPort()}/quoteline`);
    closers.push(() => db.$disconnect());
    expect(unreachableDependency(await rejection(() => db.user.findFirst()))).toBe('database');
    expect(unreachableDependency(await rejection(() => db.$queryRaw`SELECT 1`))).toBe('database');
  });

  it('recognises ioredis failing a command while Redis is down', async () => {
    const redis = connectRedis({ url: `redis://127.0.0.1:${await closedPort()}`, name: 'outage-test' });
    closers.push(() => closeRedis(redis));
    expect(unreachableDependency(await rejection(() => redis.get('x')))).toBe('bus');
  });

  it('leaves other failures alone', () => {
    expect(unreachableDependency(new Error('boom'))).toBeNull();
    expect(unreachableDependency(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBeNull();
    expect(
      unreachableDependency({
        code: 'P2002',
        name: 'PrismaClientKnownRequestError',
        meta: { driverAdapterError: { kind: 'UniqueConstraintViolation' } },
      }),
    ).toBeNull();
    expect(outageError('nope')).toBeNull();
  });

  it('answers 503 unavailable with Retry-After, not 500, and keeps errors that already have a code', async () => {
    const db = createDb(`postgresql://postgres:x@127.0.0.1:${await closedPort()}/quoteline`);
    closers.push(() => db.$disconnect());
    const answer = errorResponse(await rejection(() => db.session.findFirst()));
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    expect(errorResponse(new QuotelineError('forbidden', 'no')).status).toBe(403);
    expect(errorResponse(new Error('boom')).status).toBe(500);
  });
});
