import { afterAll, beforeAll, describe, it } from 'vitest';
import { feedSql, startAppServer, type AppServer } from '../support/appServer';
import { signIn, type TestSession } from '../support/session';
import { expectFreshAfterStall, runStalledReader } from '../support/stalledReader';

// A reader that stops reading for a minute while a feed ticks every 50 ms,
// then reads again: socket buffers hold a minute of old prices, which the
// page's stream client must not show; it resumes, and shows fresh prices at
// once, with every private event of the stall.

let server: AppServer;
let trader: TestSession;
const SYMBOLS = ['FAST0', 'FAST1', 'FAST2', 'FAST3', 'FAST4'];

beforeAll(async () => {
  server = await startAppServer({
    env: { QUOTELINE_INSTANCE: 'it-stall' },
    sql: feedSql('fast', { tickMs: 50, count: 5, prefix: 'FAST' }),
  });
  trader = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
});
afterAll(() => server?.stop());

describe('a stalled reader that reads again (loopback)', () => {
  it('shows every symbol at most 2 s old within 5 s, and loses no private event', async () => {
    const figures = await runStalledReader({
      streamUrl: server.url,
      trader,
      feed: 'fast',
      symbols: SYMBOLS,
      stallMs: 60_000,
      freshMs: 2_000,
      orders: 6,
      orderSymbol: 'FAST0',
    });
    console.log(`stalled reader, loopback: ${JSON.stringify(figures)}`);
    expectFreshAfterStall(figures);
  }, 120_000);
});
