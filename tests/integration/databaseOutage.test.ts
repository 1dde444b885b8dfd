import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppServer, type AppServer } from '../support/appServer';
import { startTestPostgres, type PostgresServer } from '../support/postgresServer';
import { signIn, type TestSession } from '../support/session';
import { sleep, waitUntil } from '../support/streamTools';
import { setTestPostgres } from '../support/testDatabase';

// An app on a private PostgreSQL of this file's own, stopped and started again under it.
let postgres: PostgresServer;
let app: AppServer;
let trader: TestSession;

beforeAll(async () => {
  postgres = await startTestPostgres();
  setTestPostgres(postgres.url);
  app = await startAppServer();
  trader = await signIn(app.url, 'trader@example.com', 'quoteline-trader');
});

afterAll(async () => {
  await app?.stop();
  setTestPostgres(undefined);
  await postgres?.stop();
});

const buy = () => trader.order({ symbol: 'ACME', side: 'buy', type: 'market', quantity: 1 });
const readiness = () => fetch(`${app.url}/api/health/ready`, { signal: AbortSignal.timeout(5_000) });

describe('a database outage', () => {
  it('answers 503 unavailable with Retry-After, readiness 503 and liveness 200 while PostgreSQL is down; orders work again once it is back', async () => {
    expect((await buy()).status).toBe(201);
    expect((await readiness()).status).toBe(200);

    // Orders keep coming while the server goes down, so some are cut mid-transaction.
    let sending = true;
    const meanwhile: number[] = [];
    const burst = (async () => {
      while (sending) meanwhile.push((await buy()).status);
    })();
    await sleep(300);
    await postgres.halt();
    try {
      const answers = await Promise.all(Array.from({ length: 10 }, buy));
      const statuses = answers.map((a) => a.status);
      console.log(`orders while PostgreSQL is down: ${statuses.join(' ')}`);
      for (const answer of answers) {
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(((await answer.json()) as { error: { code: string } }).error.code).toBe('unavailable');
      }
      const signInAttempt = await fetch(`${app.url}/api/session`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: app.url },
        body: JSON.stringify({ email: 'trader@example.com', password: 'quoteline-trader' }),
      });
      expect(signInAttempt.status).toBe(503);

      const ready = await readiness();
      expect(ready.status).toBe(503);
      expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(await ready.json()).toMatchObject({ status: 'unavailable', db: 'error', bus: 'ok' });
      const live = await fetch(`${app.url}/api/health`);
      expect(live.status).toBe(200);
      expect(await live.json()).toMatchObject({ status: 'ok', db: 'error' });
    } finally {
      sending = false;
      await burst;
      await postgres.start();
    }
    const counts = new Map<number, number>();
    for (const status of meanwhile) counts.set(status, (counts.get(status) ?? 0) + 1);
    console.log(
      `orders sent while PostgreSQL went down: ${[...counts].map(([status, n]) => `${n} × ${status}`).join(', ')}`,
    );
    expect(meanwhile.filter((status) => status !== 201 && status !== 503)).toEqual([]);

    await waitUntil(async () => (await readiness()).status === 200, 'readiness 200 again', 20_000, 200);
    expect(await (await readiness()).json()).toMatchObject({ status: 'ready', db: 'ok', bus: 'ok' });
    expect((await buy()).status).toBe(201);
  });
});

describe('an instance started while its database is down', () => {
  it('becomes ready, and serves, once the database is back', async () => {
    const databaseUrl = app.databaseUrl;
    await app.stop({ keepDatabase: true });
    await postgres.halt();
    // The instance starts against a stopped database; PostgreSQL comes back a few seconds later.
    const starting = startAppServer({ databaseUrl });
    await sleep(4_000);
    await postgres.start();
    app = await starting;
    expect((await readiness()).status).toBe(200);
    trader = await signIn(app.url, 'trader@example.com', 'quoteline-trader');
    expect((await buy()).status).toBe(201);
  }, 90_000);
});
